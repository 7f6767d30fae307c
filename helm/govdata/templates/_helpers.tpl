{{- define "govdata.fullname" -}}
{{- printf "%s-govdata" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "govdata.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: govdata
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: govdata
{{- end -}}

{{/* The enabled services, space-separated, in dependency order. */}}
{{- define "govdata.services" -}}
{{- range list "catalog" "search" "exchange" "verify" "audit" }}
{{- if (index $.Values .).enabled }}{{ . }} {{ end }}
{{- end }}
{{- end -}}
