{{/* Names and labels. A service's objects are "<release>-<service>[-api|-worker]". */}}

{{- define "common.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 56 | trimSuffix "-" -}}
{{- end -}}

{{/* (dict "top" . "process" "api") -> "<release>-<service>-api" */}}
{{- define "common.processName" -}}
{{- printf "%s-%s" (include "common.fullname" .top) .process -}}
{{- end -}}

{{- define "common.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "common.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The address another govdata api is reached at, by service name: (dict "top" . "service" "catalog") */}}
{{- define "common.apiAddress" -}}
{{- printf "%s-%s-api:%v" (.top.Release.Name | trunc 56 | trimSuffix "-") .service .top.Values.global.ports.grpc -}}
{{- end -}}

{{- define "common.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: govdata
govdata.io/service: {{ .Chart.Name }}
{{- end -}}

{{/* (dict "top" . "process" "api") */}}
{{- define "common.processLabels" -}}
{{ include "common.labels" .top }}
app.kubernetes.io/component: {{ .process }}
govdata.io/process: {{ .process }}
{{- end -}}

{{- define "common.selectorLabels" -}}
app.kubernetes.io/name: {{ .top.Chart.Name }}
app.kubernetes.io/instance: {{ .top.Release.Name }}
app.kubernetes.io/component: {{ .process }}
{{- end -}}

{{/* A process's settings: the global defaults for its kind, overridden by the service's own. */}}
{{- define "common.processValues" -}}
{{- $defaults := deepCopy (index .top.Values.global.defaults .process) -}}
{{- $own := deepCopy (index .top.Values .process | default dict) -}}
{{- toYaml (mustMergeOverwrite $defaults $own) -}}
{{- end -}}

{{- define "common.image" -}}
{{- $g := .Values.global.image -}}
{{- $repository := printf "%s/%s" ($g.registry | trimSuffix "/") (.Values.image.repository | default .Chart.Name) -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (.Values.image.tag | default $g.tag | default .Chart.AppVersion) -}}
{{- end -}}
{{- end -}}
