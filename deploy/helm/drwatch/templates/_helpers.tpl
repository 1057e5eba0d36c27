{{/*
Named templates of the drwatch chart. src/test/java/io/drwatch/artefacts/HelmChartTest.java lints
and renders the chart with real Helm (helm-java) and checks the objects against Kubernetes schemas.
*/}}

{{/* The chart name, or nameOverride; also the app.kubernetes.io/name label (the Prometheus job). */}}
{{- define "drwatch.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* "<release>-<observer>", or fullnameOverride: one release per observer, so names stay unique. */}}
{{- define "drwatch.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Values.observer.name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels that select this observer's pod: Deployment, Service, PodDisruptionBudget and ServiceMonitor. */}}
{{- define "drwatch.selectorLabels" -}}
app.kubernetes.io/name: {{ include "drwatch.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
drwatch.io/observer: {{ .Values.observer.name }}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "drwatch.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | trunc 63 | trimSuffix "-" }}
{{ include "drwatch.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: observer
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "drwatch.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "drwatch.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{- define "drwatch.stateClaimName" -}}
{{- .Values.persistence.existingClaim | default (printf "%s-state" (include "drwatch.fullname" .)) -}}
{{- end -}}

{{- define "drwatch.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{/*
drwatch.yaml. observer, http and state belong to the chart: http binds 0.0.0.0 on the container
port, and state.dir is the state volume's mount path. The rest is .Values.config as written.
Used by the ConfigMap, and hashed into the pod template so that a config change rolls the pod.
*/}}
{{- define "drwatch.config" -}}
observer:
  name: {{ .Values.observer.name }}
  region: {{ .Values.observer.region | quote }}
http:
  host: 0.0.0.0
  port: {{ .Values.http.port }}
state:
  dir: /var/lib/drwatch
{{ toYaml .Values.config }}
{{- end -}}
