{{/* Names and labels. A service's objects are "<release>-<service>[-api|-worker]". */}}

{{- define "common.fullname" -}}
{{- include "common.serviceName" (dict "release" .Release.Name "service" .Chart.Name) -}}
{{- end -}}

{{/* (dict "release" <release name> "service" "catalog"): "<release>-catalog", the prefix of its
objects; the umbrella names other services' apis by it (helm test, NOTES, addresses). */}}
{{- define "common.serviceName" -}}
{{- printf "%s-%s" .release .service | trunc 56 | trimSuffix "-" -}}
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
{{- printf "%s-api:%v" (include "common.serviceName" (dict "release" .top.Release.Name "service" .service)) .top.Values.global.ports.grpc -}}
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
{{- include "common.imageRef" (dict "global" .Values.global.image "image" .Values.image "service" .Chart.Name "appVersion" .Chart.AppVersion) -}}
{{- end -}}

{{/* (dict "global" global.image "image" <service>.image "service" name "appVersion" v):
<registry>/<repository>@<digest>, else :<tag>; also the umbrella's test pod image. */}}
{{- define "common.imageRef" -}}
{{- $repository := printf "%s/%s" (.global.registry | trimSuffix "/") (.image.repository | default .service) -}}
{{- if .image.digest -}}
{{- printf "%s@%s" $repository .image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (.image.tag | default .global.tag | default .appVersion) -}}
{{- end -}}
{{- end -}}

{{/* The operator's servers a service uses, as a JSON list: MongoDB and RabbitMQ always,
OpenSearch when usesOpenSearch. (fromJsonArray (include "common.servers" .)) */}}
{{- define "common.servers" -}}
{{- $servers := list "mongodb" "rabbitmq" -}}
{{- if .Values.usesOpenSearch }}{{ $servers = append $servers "opensearch" }}{{ end -}}
{{- toJson $servers -}}
{{- end -}}
