{{- define "common.autoscaler" -}}
{{- if and .p.autoscaling.enabled (not .p.singleton) }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "common.processName" . }}
  labels:
    {{- include "common.processLabels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "common.processName" . }}
  minReplicas: {{ .p.autoscaling.minReplicas }}
  maxReplicas: {{ .p.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .p.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end -}}

{{/* A singleton has no budget: with one replica any budget would block every node drain. */}}
{{- define "common.disruptionBudget" -}}
{{- if and .p.podDisruptionBudget.enabled (not .p.singleton) }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "common.processName" . }}
  labels:
    {{- include "common.processLabels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .p.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "common.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/*
One ServiceMonitor per service (api and worker). The relabelling gives every series the labels
the alerts and dashboards use, the same as the local Prometheus: job="govdata",
service=<catalog|search|...>, process=<api|worker>.
*/}}
{{- define "common.serviceMonitor" -}}
{{- $m := .Values.global.monitoring.serviceMonitor -}}
{{- if $m.enabled }}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "common.fullname" . }}
  labels:
    {{- include "common.labels" . | nindent 4 }}
    {{- with $m.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ .Chart.Name }}
      app.kubernetes.io/instance: {{ .Release.Name }}
      govdata.io/metrics: "true"
  endpoints:
    - port: metrics
      path: /metrics
      interval: {{ $m.interval }}
      scrapeTimeout: {{ $m.scrapeTimeout }}
      relabelings:
        - targetLabel: job
          replacement: govdata
        - sourceLabels: [__meta_kubernetes_pod_label_govdata_io_service]
          targetLabel: service
        - sourceLabels: [__meta_kubernetes_pod_label_govdata_io_process]
          targetLabel: process
{{- end }}
{{- end -}}
