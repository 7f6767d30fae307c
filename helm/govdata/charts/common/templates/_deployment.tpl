{{/* One process's Deployment. ctx: (dict "top" . "process" "api"|"worker" "p" <merged values>) */}}
{{- define "common.deployment" -}}
{{- $top := .top -}}{{- $p := .p -}}{{- $g := $top.Values.global -}}
{{- $api := eq .process "api" -}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "common.processName" . }}
  labels:
    {{- include "common.processLabels" . | nindent 4 }}
spec:
  {{- if $p.singleton }}
  # one replica at a time: the process holds a lease only one may hold (e.g. the audit log's
  # single appender); Recreate stops the old pod before the new one starts
  replicas: 1
  strategy:
    type: Recreate
  {{- else }}
  {{- if not $p.autoscaling.enabled }}
  replicas: {{ $p.replicaCount }}
  {{- end }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "common.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "common.processLabels" . | nindent 8 }}
        {{- with $p.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include "common.configMap" $top | sha256sum }}
        {{- with $p.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "common.serviceAccountName" $top }}
      automountServiceAccountToken: false
      {{- with $g.image.pullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      # SIGTERM: health turns NOT_SERVING, in-flight calls get GOVDATA_SHUTDOWN_GRACE_SECONDS
      terminationGracePeriodSeconds: {{ $p.terminationGracePeriodSeconds }}
      {{- if $p.topologySpread.enabled }}
      topologySpreadConstraints:
        {{- range list "topology.kubernetes.io/zone" "kubernetes.io/hostname" }}
        - topologyKey: {{ . }}
          maxSkew: {{ $p.topologySpread.maxSkew }}
          whenUnsatisfiable: {{ $p.topologySpread.whenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "common.selectorLabels" $ | nindent 14 }}
        {{- end }}
      {{- end }}
      {{- with $p.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $p.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $p.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $g.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      containers:
        - name: {{ .process }}
          image: {{ include "common.image" $top | quote }}
          imagePullPolicy: {{ $g.image.pullPolicy }}
          # the image's entrypoint is `govdata-process <service>`; the argument picks the process
          args: [{{ .process | quote }}]
          envFrom:
            - configMapRef:
                name: {{ include "common.fullname" $top }}
          {{- $env := include "common.credentials" . | trim }}
          {{- if or $env $p.extraEnv }}
          env:
            {{- with $env }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with $p.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- end }}
          ports:
            {{- if $api }}
            - name: grpc
              containerPort: {{ $g.ports.grpc }}
              protocol: TCP
            - name: health
              containerPort: {{ $g.ports.health }}
              protocol: TCP
            {{- end }}
            - name: metrics
              containerPort: {{ $g.ports.metrics }}
              protocol: TCP
          {{- if $api }}
          # the kubelet's gRPC probes speak plain text, so they use the health-only port
          # (GOVDATA_GRPC_HEALTH_PORT); the gRPC port itself requires a client certificate
          startupProbe:
            grpc:
              port: {{ $g.ports.health }}
            periodSeconds: 5
            failureThreshold: {{ div (add $p.startupSeconds 4) 5 }}
          livenessProbe:
            grpc:
              port: {{ $g.ports.health }}
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            # SERVING once the registry of calling systems is loaded: before that nobody
            # could be admitted
            grpc:
              port: {{ $g.ports.health }}
              service: {{ $top.Values.grpcService }}
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 2
          {{- else }}
          startupProbe:
            httpGet:
              path: /healthz
              port: metrics
            periodSeconds: 5
            failureThreshold: {{ div (add $p.startupSeconds 4) 5 }}
          livenessProbe:
            httpGet:
              path: /healthz
              port: metrics
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          {{- end }}
          resources:
            {{- toYaml $p.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            privileged: false
            runAsNonRoot: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: tls
              mountPath: /etc/govdata/tls
              readOnly: true
            - name: secrets
              mountPath: /etc/govdata/secrets
              readOnly: true
            {{- range $server := include "common.servers" $top | fromJsonArray }}
            {{- if (index $g $server).tls.existingSecret }}
            - name: {{ $server }}-tls
              mountPath: /etc/govdata/{{ $server }}
              readOnly: true
            {{- end }}
            {{- end }}
            {{- if $p.volume.enabled }}
            - name: data
              mountPath: {{ $p.volume.mountPath }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 256Mi
        - name: tls
          secret:
            secretName: {{ $top.Values.tls.existingSecret | default (printf "%s-tls" (include "common.fullname" $top)) }}
            defaultMode: 0440
        - name: secrets
          projected:
            defaultMode: 0440
            sources:
              - secret:
                  name: {{ required "global.subjectKey.existingSecret is required" $g.subjectKey.existingSecret }}
                  items:
                    - key: {{ $g.subjectKey.key }}
                      path: subject-key
              {{- range $top.Values.secretFiles }}
              {{- if has $.process (.processes | default (list "api" "worker")) }}
              - secret:
                  name: {{ required (printf "secretFiles %s: existingSecret is required" .file) .existingSecret }}
                  items:
                    - key: {{ .key | default .file }}
                      path: {{ .file }}
                  {{- if .optional }}
                  optional: true
                  {{- end }}
              {{- end }}
              {{- end }}
        {{- range $server := include "common.servers" $top | fromJsonArray }}
        {{- if (index $g $server).tls.existingSecret }}
        - name: {{ $server }}-tls
          secret:
            secretName: {{ (index $g $server).tls.existingSecret }}
            defaultMode: 0440
        {{- end }}
        {{- end }}
        {{- if $p.volume.enabled }}
        - name: data
          persistentVolumeClaim:
            claimName: {{ $p.volume.existingClaim | default (include "common.processName" .) }}
        {{- end }}
{{- end -}}

{{- define "common.volumeClaim" -}}
{{- if and .p.volume.enabled (not .p.volume.existingClaim) }}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ include "common.processName" . }}
  labels:
    {{- include "common.processLabels" . | nindent 4 }}
  annotations:
    # the data outlives an uninstall (audit archives must not vanish with the release)
    helm.sh/resource-policy: keep
spec:
  accessModes: ["ReadWriteOnce"]
  {{- with .p.volume.storageClassName }}
  storageClassName: {{ . }}
  {{- end }}
  resources:
    requests:
      storage: {{ .p.volume.size }}
{{- end }}
{{- end -}}
