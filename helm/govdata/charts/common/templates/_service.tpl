{{/*
Everything one govdata service deploys: its ServiceAccount and ConfigMap, and for each of its
two processes (api: the gRPC server; worker: the nameko event consumer) a Deployment, Service,
HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy and (optionally) a ServiceMonitor.
A sub-chart's only template is: {{ include "common.service" . }}
*/}}
{{- define "common.service" -}}
{{- include "common.serviceAccount" . }}
{{ include "common.configMap" . }}
{{- range $process := list "api" "worker" }}
{{- $ctx := dict "top" $ "process" $process "p" (include "common.processValues" (dict "top" $ "process" $process) | fromYaml) }}
{{ include "common.deployment" $ctx }}
{{ include "common.k8sService" $ctx }}
{{- include "common.volumeClaim" $ctx }}
{{- include "common.autoscaler" $ctx }}
{{- include "common.disruptionBudget" $ctx }}
{{- include "common.networkPolicy" $ctx }}
{{- end }}
{{- include "common.serviceMonitor" . }}
{{- end -}}

{{- define "common.serviceAccount" -}}
{{- if .Values.serviceAccount.create }}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "common.serviceAccountName" . }}
  labels:
    {{- include "common.labels" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
# govdata never calls the Kubernetes API
automountServiceAccountToken: false
{{- end }}
{{- end -}}

{{/* Settings as GOVDATA_* variables; credentials are never here (Secret references instead). */}}
{{- define "common.configMap" -}}
{{- $g := .Values.global -}}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "common.fullname" . }}
  labels:
    {{- include "common.labels" . | nindent 4 }}
data:
  GOVDATA_GRPC_HOST: "0.0.0.0"
  GOVDATA_GRPC_PORT: {{ $g.ports.grpc | quote }}
  GOVDATA_GRPC_HEALTH_PORT: {{ $g.ports.health | quote }}
  GOVDATA_METRICS_PORT: {{ $g.ports.metrics | quote }}
  GOVDATA_LOG_LEVEL: {{ $g.logLevel | quote }}
  GOVDATA_MONGO_URI: {{ required "global.mongodb.uri is required" $g.mongodb.uri | quote }}
  GOVDATA_AMQP_URI: {{ required "global.rabbitmq.uri is required" $g.rabbitmq.uri | quote }}
  {{- if .Values.usesOpenSearch }}
  GOVDATA_OPENSEARCH_URL: {{ required "global.opensearch.url is required" $g.opensearch.url | quote }}
  {{- end }}
  {{- range concat .Values.calls.api .Values.calls.worker | uniq }}
  GOVDATA_{{ upper . }}_ADDRESS: {{ include "common.apiAddress" (dict "top" $ "service" .) | quote }}
  {{- end }}
  {{- if $g.mongodb.tls.existingSecret }}
  GOVDATA_MONGO_TLS_CA_FILE: /etc/govdata/mongodb/ca.crt
  {{- if $g.mongodb.tls.clientCertificate }}
  GOVDATA_MONGO_TLS_CLIENT_FILE: /etc/govdata/mongodb/client.pem
  {{- end }}
  {{- end }}
  {{- if $g.rabbitmq.tls.existingSecret }}
  GOVDATA_AMQP_TLS_CA_FILE: /etc/govdata/rabbitmq/ca.crt
  {{- if $g.rabbitmq.tls.clientCertificate }}
  GOVDATA_AMQP_TLS_CERT_FILE: /etc/govdata/rabbitmq/tls.crt
  GOVDATA_AMQP_TLS_KEY_FILE: /etc/govdata/rabbitmq/tls.key
  {{- end }}
  {{- end }}
  {{- if and .Values.usesOpenSearch $g.opensearch.tls.existingSecret }}
  GOVDATA_OPENSEARCH_TLS_CA_FILE: /etc/govdata/opensearch/ca.crt
  {{- end }}
  {{- range .Values.secretFiles }}
  {{- if .env }}
  {{ .env }}: {{ printf "/etc/govdata/secrets/%s" .file | quote }}
  {{- end }}
  {{- end }}
  {{- $fixed := list "GOVDATA_GRPC_HOST" "GOVDATA_GRPC_PORT" "GOVDATA_GRPC_HEALTH_PORT" "GOVDATA_METRICS_PORT" "GOVDATA_LOG_LEVEL" "GOVDATA_MONGO_URI" "GOVDATA_AMQP_URI" "GOVDATA_OPENSEARCH_URL" "GOVDATA_MONGO_TLS_CA_FILE" "GOVDATA_MONGO_TLS_CLIENT_FILE" "GOVDATA_AMQP_TLS_CA_FILE" "GOVDATA_AMQP_TLS_CERT_FILE" "GOVDATA_AMQP_TLS_KEY_FILE" "GOVDATA_OPENSEARCH_TLS_CA_FILE" }}
  {{- range .Values.secretFiles }}{{ if .env }}{{ $fixed = append $fixed .env }}{{ end }}{{ end }}
  {{- range $name, $value := merge (deepCopy .Values.config) $g.config }}
  {{- if or (has $name $fixed) (hasSuffix "_ADDRESS" $name) }}
  {{- fail (printf "%s config: %s is set by the chart (from global.ports, global.logLevel, global.mongodb/rabbitmq/opensearch, calls or secretFiles); set it there" $.Chart.Name $name) }}
  {{- end }}
  {{ $name }}: {{ $value | toString | quote }}
  {{- end }}
{{- end -}}

{{/* Credentials from the operator's Secrets, as environment variables (never in the ConfigMap). */}}
{{- define "common.credentials" -}}
{{- $g := .top.Values.global -}}
{{- $prefixes := dict "mongodb" "MONGO" "rabbitmq" "AMQP" "opensearch" "OPENSEARCH" -}}
{{- range include "common.servers" .top | fromJsonArray }}
{{- $prefix := get $prefixes . }}{{ $auth := (index $g .).auth }}
{{- if $auth.existingSecret }}
- name: GOVDATA_{{ $prefix }}_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $auth.existingSecret }}
      key: {{ $auth.usernameKey }}
- name: GOVDATA_{{ $prefix }}_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $auth.existingSecret }}
      key: {{ $auth.passwordKey }}
{{- end }}
{{- end }}
{{- end -}}
