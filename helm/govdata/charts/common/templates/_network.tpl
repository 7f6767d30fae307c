{{/* A process's Service: the api's gRPC, health and metrics ports; the worker's metrics port. */}}
{{- define "common.k8sService" -}}
{{- $g := .top.Values.global -}}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "common.processName" . }}
  labels:
    {{- include "common.processLabels" . | nindent 4 }}
    govdata.io/metrics: "true"
spec:
  type: ClusterIP
  selector:
    {{- include "common.selectorLabels" . | nindent 4 }}
  ports:
    {{- if eq .process "api" }}
    - name: grpc
      port: {{ $g.ports.grpc }}
      targetPort: grpc
      protocol: TCP
      appProtocol: grpc
    - name: health
      port: {{ $g.ports.health }}
      targetPort: health
      protocol: TCP
      appProtocol: grpc
    {{- end }}
    - name: metrics
      port: {{ $g.ports.metrics }}
      targetPort: metrics
      protocol: TCP
      appProtocol: http
{{- end -}}

{{/*
Only the traffic each process needs. In: the api's gRPC port from the platform's own pods
and the operator's callers, its health port from the platform's pods (helm test), metrics
from the monitoring namespace. Out: DNS, the operator's MongoDB and RabbitMQ (and OpenSearch
for the services that index), and the other govdata apis this service calls.
*/}}
{{- define "common.networkPolicy" -}}
{{- $top := .top -}}{{- $g := $top.Values.global -}}{{- $np := $g.networkPolicy -}}
{{- if $np.enabled }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "common.processName" . }}
  labels:
    {{- include "common.processLabels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "common.selectorLabels" . | nindent 6 }}
  policyTypes: ["Ingress", "Egress"]
  ingress:
    {{- if eq .process "api" }}
    - ports:
        - port: grpc
          protocol: TCP
      from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/part-of: govdata
              app.kubernetes.io/instance: {{ $top.Release.Name }}
        {{- with $np.callers }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    - ports:
        - port: health
          protocol: TCP
      from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/part-of: govdata
              app.kubernetes.io/instance: {{ $top.Release.Name }}
    {{- end }}
    - ports:
        - port: metrics
          protocol: TCP
      from:
        {{- toYaml $np.metricsFrom | nindent 8 }}
  egress:
    {{- if $np.dns.enabled }}
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
      to:
        {{- toYaml $np.dns.to | nindent 8 }}
    {{- end }}
    {{- range include "common.servers" $top | fromJsonArray }}
    {{- $server := index $g . }}
    - ports:
        {{- range $server.ports }}
        - port: {{ . }}
          protocol: TCP
        {{- end }}
      {{- with $server.networkPeers }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
    {{- range index $top.Values.calls .process }}
    - ports:
        - port: {{ $g.ports.grpc }}
          protocol: TCP
      to:
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ . }}
              app.kubernetes.io/instance: {{ $top.Release.Name }}
              app.kubernetes.io/component: api
    {{- end }}
    {{- with $top.Values.networkPolicy.extraEgress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end }}
{{- end -}}
