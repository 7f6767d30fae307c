#!/usr/bin/env bash
# govdata's local servers, on loopback, for `make run` and the tests:
#
#   rabbitmq    RabbitMQ (Debian package), our own node govdata@localhost   amqp  127.0.0.1:5682
#                                                                           amqps 127.0.0.1:5681
#   ferretdb    FerretDB v1.24.2 on SQLite, the MongoDB wire protocol       mongo 127.0.0.1:27027
#                                                               (mongo TLS) mongo 127.0.0.1:27028
#   opensearch  OpenSearch 2.x single node, modules analysis-common,       http  127.0.0.1:9201
#               mapper-extras, ... and the analysis-smartcn plugin
#   prometheus  Prometheus (Debian package), scraping the ten govdata       http  127.0.0.1:9095
#               processes
#
# plus the command-line tools the tests and `make lint` use: grpcurl, buf, helm with the
# helm-unittest plugin, the Prometheus Operator CRDs (and promtool, from the prometheus package).
#
# usage: scripts/servers.sh COMMAND [SERVER...]
#   install [SERVER...]   install what is missing (cached: a second run does nothing slow)
#   tools                 install grpcurl, buf, helm (+ unittest plugin) and the monitoring CRDs
#   start [SERVER...]     install if needed, start what is not running, wait until healthy
#   stop [SERVER...]      stop the servers this script started (pid files), wait for exit
#   restart [SERVER...]   stop, then start; data is kept (RabbitMQ: durable queues and
#                         persistent messages survive)
#   status [SERVER...]    one line per server; exit status 1 unless all are healthy
# Without SERVER: all of them (start and install also install the tools).
#
# All state lives under $GOVDATA_HOME (default <repo>/.local, git-ignored): per server
# $GOVDATA_HOME/<server>/ with its data, config, <server>.log and <server>.pid; tools in
# $GOVDATA_HOME/bin; install step logs in $GOVDATA_HOME/install/. Ports: scripts/env.sh.
# Installing needs only the package registries: apt-get (Debian), mvn (Maven Central), go
# (Go module proxy).
#
# The TLS listeners use the development PKI in $GOVDATA_HOME/pki (`make pki`; start refuses to
# run without it): server certificates rabbitmq.crt and ferretdb.crt from its ca.crt. FerretDB's
# TLS port requires a client certificate from that CA (e.g. govdata-admin.crt); RabbitMQ's
# checks one when offered. RabbitMQ also gets the user govdata-tls (all rights on vhost /),
# whose password servers.sh keeps in $GOVDATA_HOME/pki/rabbitmq-password, for credential tests.
#
# Tunables: GOVDATA_START_TIMEOUT (s, default 120), GOVDATA_STOP_TIMEOUT (s, default 60),
# GOVDATA_OPENSEARCH_JAVA_OPTS (extra JVM options).
set -euo pipefail

SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=env.sh
source "$SCRIPTS/env.sh"
mkdir -p "$GOVDATA_HOME"
GOVDATA_HOME="$(cd "$GOVDATA_HOME" && pwd)"
export GOVDATA_HOME PATH="$GOVDATA_HOME/bin:$PATH"

SERVERS=(rabbitmq ferretdb opensearch prometheus)
START_TIMEOUT="${GOVDATA_START_TIMEOUT:-120}"
STOP_TIMEOUT="${GOVDATA_STOP_TIMEOUT:-60}"
INSTALL_DIR="$GOVDATA_HOME/install" # install step logs and version stamps

FERRETDB_VERSION=v1.24.2
# bump the suffix when a patch is added or changed, so installed binaries are rebuilt
FERRETDB_BUILD="$FERRETDB_VERSION+govdata.1"
GRPCURL_VERSION=v1.9.1
BUF_VERSION=v1.47.2
HELM_VERSION=v3.21.4
HELM_UNITTEST_VERSION=v1.1.2
PROMETHEUS_OPERATOR_VERSION=v0.85.0 # only its CRDs: the chart's ServiceMonitor/PrometheusRule schemas
RABBITMQ_NODE=govdata@localhost
RABBITMQ_BIN=/usr/lib/rabbitmq/bin # Debian's /usr/sbin wrappers would `su rabbitmq`
OPENSEARCH_SRC="$SCRIPTS/opensearch"
OPENSEARCH_DIST="$GOVDATA_HOME/opensearch/dist"
PKI="$GOVDATA_HOME/pki" # made by `make pki` (python -m govdata.runtime.devpki)
RABBITMQ_TLS_USER=govdata-tls

# ----------------------------------------------------------------------------- helpers

say() { printf '==> %s\n' "$*"; }
warn() { printf 'servers.sh: %s\n' "$*" >&2; }
die() {
    warn "$*"
    exit 1
}

server_dir() { printf '%s/%s' "$GOVDATA_HOME" "$1"; }
log_of() { printf '%s/%s/%s.log' "$GOVDATA_HOME" "$1" "$1"; }
pidfile_of() { printf '%s/%s/%s.pid' "$GOVDATA_HOME" "$1" "$1"; }

# step NAME DESCRIPTION COMMAND...: run one install step with its output in
# $INSTALL_DIR/NAME.log and one progress line here; on failure show the log's tail and exit.
# (Run as a background job so that `set -e` applies inside COMMAND when it is a function.)
step() {
    local name=$1 what=$2 log rc=0 t0=$SECONDS
    shift 2
    log="$INSTALL_DIR/$name.log"
    mkdir -p "$INSTALL_DIR"
    printf '==> %s ... ' "$what"
    ("$@") </dev/null >"$log" 2>&1 9>&- &
    wait $! || rc=$?
    if [ "$rc" -ne 0 ]; then
        printf 'FAILED (exit %s), log %s:\n' "$rc" "$log"
        tail -n 25 "$log" | sed 's/^/    /'
        exit 1
    fi
    printf 'done in %ss (log %s)\n' "$((SECONDS - t0))" "$log"
}

# build NAME DESCRIPTION COMMAND...: like step, but in the background, so that the slow builds
# (go, mvn) overlap; builds_wait reports each one as it ends, and exits if one failed.
declare -A BUILD_NAME=() BUILD_WHAT=() BUILD_T0=()
build() {
    local name=$1 what=$2
    shift 2
    mkdir -p "$INSTALL_DIR"
    if [ "${#BUILD_NAME[@]}" -eq 0 ]; then say "building in the background, logs in $INSTALL_DIR/"; fi
    ("$@") </dev/null >"$INSTALL_DIR/$name-build.log" 2>&1 9>&- &
    BUILD_NAME[$!]=$name
    BUILD_WHAT[$!]=$what
    BUILD_T0[$!]=$SECONDS
}

builds_wait() {
    local pid rc failed=0 log
    while [ "${#BUILD_NAME[@]}" -gt 0 ]; do
        for pid in "${!BUILD_NAME[@]}"; do
            if kill -0 "$pid" 2>/dev/null; then continue; fi
            rc=0
            wait "$pid" || rc=$?
            log="$INSTALL_DIR/${BUILD_NAME[$pid]}-build.log"
            if [ "$rc" -eq 0 ]; then
                say "${BUILD_WHAT[$pid]}: done in $((SECONDS - BUILD_T0[$pid]))s (log $log)"
            else
                warn "FAILED: ${BUILD_WHAT[$pid]} (exit $rc), log $log:"
                tail -n 25 "$log" | sed 's/^/    /' >&2
                failed=1
            fi
            unset "BUILD_NAME[$pid]" "BUILD_WHAT[$pid]" "BUILD_T0[$pid]"
        done
        if [ "${#BUILD_NAME[@]}" -gt 0 ]; then sleep 1; fi
    done
    [ "$failed" -eq 0 ] || exit 1
}

# when servers.sh stops early (an error, Ctrl-C), the builds it left running stop too
kill_tree() {
    local children child
    read -r -a children 2>/dev/null <"/proc/$1/task/$1/children" || true
    for child in "${children[@]}"; do kill_tree "$child"; done
    kill -TERM "$1" 2>/dev/null || true
}
stop_builds() {
    local pid
    for pid in "${!BUILD_NAME[@]}"; do kill_tree "$pid"; done
}
trap stop_builds EXIT

# stamps record what is installed, so a second run skips it
stamp_ok() { [ -f "$INSTALL_DIR/$1.stamp" ] && [ "$(<"$INSTALL_DIR/$1.stamp")" = "$2" ]; }
stamp_set() {
    mkdir -p "$INSTALL_DIR"
    printf '%s\n' "$2" >"$INSTALL_DIR/$1.stamp"
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

APT_UPDATED=0
apt_install() {
    if [ "$APT_UPDATED" -eq 0 ]; then
        step apt-update "apt-get update" as_root apt-get update
        APT_UPDATED=1
    fi
    step "apt-install-$1" "apt-get install $*" \
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

need_python() {
    command -v python3 >/dev/null || apt_install python3
}

need_go() {
    command -v go >/dev/null ||
        die "go is not on PATH; Go 1.26 or newer is needed to build ferretdb, grpcurl, buf, helm and helm-unittest"
}

java_bin() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        printf '%s\n' "$JAVA_HOME/bin/java"
    else
        command -v java
    fi
}

need_java() {
    if ! command -v mvn >/dev/null || ! command -v javac >/dev/null; then
        apt_install openjdk-17-jdk-headless maven
    fi
    local version
    version=$("$(java_bin)" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = //p')
    [ "${version%%.*}" -ge 17 ] 2>/dev/null || die "OpenSearch needs Java 17 or newer (found: ${version:-none})"
}

# need_pki SERVER...: the development PKI has the certificates these servers' TLS listeners use
need_pki() {
    local name file files missing=()
    for name in "$@"; do
        case "$name" in
        rabbitmq) files=(ca.crt rabbitmq.crt rabbitmq.key) ;;
        # the health check presents a client certificate
        ferretdb) files=(ca.crt ferretdb.crt ferretdb.key govdata-admin.crt govdata-admin.key) ;;
        *) files=() ;;
        esac
        for file in "${files[@]}"; do
            [ -f "$PKI/$file" ] || [[ " ${missing[*]} " == *" $file "* ]] || missing+=("$file")
        done
    done
    [ "${#missing[@]}" -eq 0 ] ||
        die "no development PKI in $PKI (missing ${missing[*]}): run \`make pki\` first (it runs: .venv/bin/python -m govdata.runtime.devpki $PKI)"
}

# port_busy PORT: something listens on 127.0.0.1:PORT
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# alive PID: the process exists and is not a zombie
alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [ "${stat%% *}" != Z ]
}

# probe KIND ARG [CA [CERT KEY]]: a health check, exit status 0 when healthy.
#   amqp PORT         guest logs in to vhost / over AMQP 0-9-1 (then closes cleanly)
#   mongo PORT        {ping: 1} over OP_MSG answers ok: 1
#   opensearch URL    GET answers 200 with cluster status green or yellow
#   http URL          GET answers 200
# With CA (amqp, mongo): over TLS, verifying the server's certificate for 127.0.0.1 against
# CA, presenting CERT and KEY when given.
probe() {
    python3 - "$@" 2>/dev/null <<'PY'
import json, socket, ssl, struct, sys, urllib.request

def connect(port):
    sock = socket.create_connection(("127.0.0.1", int(port)), timeout=3)
    if not TLS:
        return sock
    context = ssl.create_default_context(cafile=TLS[0])
    if len(TLS) == 3:
        context.load_cert_chain(TLS[1], TLS[2])
    return context.wrap_socket(sock, server_hostname="127.0.0.1")

def recv_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data

def amqp(port):
    # log in as guest and close cleanly, so the broker logs no "unexpectedly closed" warnings
    def frame(sock):
        kind, channel, size = struct.unpack(">BHI", recv_exact(sock, 7))
        payload = recv_exact(sock, size + 1)[:-1]
        return kind, payload[:4], payload[4:]

    def send(sock, method, args):
        payload = method + args
        sock.sendall(struct.pack(">BHI", 1, 0, len(payload)) + payload + b"\xce")

    def short(text):
        return bytes([len(text)]) + text

    with connect(port) as sock:
        sock.sendall(b"AMQP\x00\x00\x09\x01")
        if frame(sock)[1] != b"\x00\x0a\x00\x0a":  # connection.start
            return False
        login = b"\x00guest\x00guest"
        send(sock, b"\x00\x0a\x00\x0b", struct.pack(">I", 0) + short(b"PLAIN")
             + struct.pack(">I", len(login)) + login + short(b"en_US"))
        kind, method, args = frame(sock)
        if method != b"\x00\x0a\x00\x1e":  # connection.tune (else: login refused)
            return False
        send(sock, b"\x00\x0a\x00\x1f", args[:6] + b"\x00\x00")  # tune-ok, no heartbeats
        send(sock, b"\x00\x0a\x00\x28", short(b"/") + short(b"") + b"\x00")  # open vhost /
        if frame(sock)[1] != b"\x00\x0a\x00\x29":  # open-ok
            return False
        send(sock, b"\x00\x0a\x00\x32", struct.pack(">H", 200) + short(b"") + struct.pack(">HH", 0, 0))
        return frame(sock)[1] == b"\x00\x0a\x00\x33"  # close-ok

def mongo(port):
    doc = b"\x10ping\x00" + struct.pack("<i", 1) + b"\x02$db\x00" + struct.pack("<i", 6) + b"admin\x00"
    doc = struct.pack("<i", len(doc) + 5) + doc + b"\x00"
    body = struct.pack("<I", 0) + b"\x00" + doc
    with connect(port) as sock:
        sock.sendall(struct.pack("<iiii", 16 + len(body), 1, 0, 2013) + body)
        header = recv_exact(sock, 16)
        length, _, _, opcode = struct.unpack("<iiii", header)
        reply = recv_exact(sock, length - 16)
        return opcode == 2013 and b"\x01ok\x00" + struct.pack("<d", 1.0) in reply

def http(url, opensearch=False):
    with urllib.request.urlopen(url, timeout=5) as reply:
        body = reply.read()
        if reply.status != 200:
            return False
    return not opensearch or json.loads(body).get("status") in ("green", "yellow")

kind, arg, TLS = sys.argv[1], sys.argv[2], sys.argv[3:]
try:
    ok = {"amqp": amqp, "mongo": mongo, "http": http,
          "opensearch": lambda url: http(url, opensearch=True)}[kind](arg)
except Exception:
    ok = False
sys.exit(0 if ok else 1)
PY
}

# ------------------------------------------------------------------ process management

# running_pid SERVER: print the pid of our SERVER when it runs; a stale pid file is removed.
# A process is ours when its environment has GOVDATA_SERVER=<its directory> (set by launch),
# so a pid recycled by some other process is never taken for it.
running_pid() {
    local file pid environ
    file=$(pidfile_of "$1")
    [ -f "$file" ] || return 1
    pid=$(<"$file")
    if [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" &&
        environ=$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null) &&
        grep -qxF "GOVDATA_SERVER=$(server_dir "$1")" <<<"$environ"; then
        printf '%s\n' "$pid"
        return 0
    fi
    rm -f "$file"
    return 1
}

# launch SERVER COMMAND...: run COMMAND in the background in its own session, in the server's
# directory, stdout and stderr appended to its log; the process writes its own pid file.
launch() {
    local name=$1 dir log pidfile _
    shift
    dir=$(server_dir "$name")
    log=$(log_of "$name")
    pidfile=$(pidfile_of "$name")
    mkdir -p "$dir"
    rm -f "$pidfile"
    printf '\n===== %s servers.sh: starting %s\n' "$(date '+%F %T')" "$name" >>"$log"
    (
        cd "$dir"
        export GOVDATA_SERVER="$dir"
        # shellcheck disable=SC2016 # $$ and $1 belong to the inner shell
        exec setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' launch "$pidfile" "$@"
    ) </dev/null >>"$log" 2>&1 9>&- &
    for _ in $(seq 100); do
        [ -s "$pidfile" ] && return 0
        sleep 0.05
    done
    die "$name: no pid file after launching it; log $log"
}

# report_failure SERVER WHAT: say so, with this start's log (the head usually names the cause)
report_failure() {
    local log
    log=$(log_of "$1")
    warn "FAILED: $1 $2; log: $log"
    [ -f "$log" ] || return 0
    awk '/^===== .* servers\.sh: starting /{n=0} {line[++n]=$0}
        END{for(i=1;i<=n;i++) if(i<=25 || i>n-25) print "    " line[i]; else if(i==26) print "    ..."}' \
        "$log" >&2
}

wait_healthy() {
    local name=$1 deadline=$((SECONDS + START_TIMEOUT))
    until "${name}_healthy"; do
        if ! running_pid "$name" >/dev/null; then
            report_failure "$name" "exited while starting"
            return 1
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            report_failure "$name" "is not healthy after ${START_TIMEOUT}s"
            return 1
        fi
        sleep 1
    done
}

# ---------------------------------------------------------------------------- RabbitMQ

rabbitmq_ports() { echo "$GOVDATA_RABBITMQ_PORT $GOVDATA_RABBITMQ_TLS_PORT $GOVDATA_RABBITMQ_DIST_PORT"; }
rabbitmq_url() { echo "$GOVDATA_AMQP_URI"; }
rabbitmq_healthy() {
    probe amqp "$GOVDATA_RABBITMQ_PORT" && probe amqp "$GOVDATA_RABBITMQ_TLS_PORT" "$PKI/ca.crt"
}

rabbitmq_install() {
    [ -x "$RABBITMQ_BIN/rabbitmq-server" ] || apt_install rabbitmq-server
    [ -x "$RABBITMQ_BIN/rabbitmq-server" ] || die "no $RABBITMQ_BIN/rabbitmq-server after apt-get install"
}

# rabbitmq_env: our node's environment, for the server and rabbitmqctl (call in a subshell).
# A separate node from Debian's own service (which, if running, keeps 5672 and is left alone).
rabbitmq_env() {
    local dir
    dir=$(server_dir rabbitmq)
    export HOME="$dir/home" # the Erlang cookie, shared by the node and rabbitmqctl
    export RABBITMQ_NODENAME="$RABBITMQ_NODE"
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    export RABBITMQ_NODE_PORT="$GOVDATA_RABBITMQ_PORT"
    export RABBITMQ_DIST_PORT="$GOVDATA_RABBITMQ_DIST_PORT"
    export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
    export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" # not Debian's /etc/rabbitmq one
    export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
    export RABBITMQ_MNESIA_BASE="$dir/mnesia"
    export RABBITMQ_LOG_BASE="$dir/log"
    export ERL_EPMD_ADDRESS=127.0.0.1
    # Erlang distribution on loopback only; schedulers that do not spin when idle
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none"
}

rabbitmq_configure() {
    local dir
    dir=$(server_dir rabbitmq)
    mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
    cat >"$dir/rabbitmq.conf" <<'EOF'
# Generated by scripts/servers.sh. Listener, node name and paths come from its environment.
# guest may log in from loopback only (RabbitMQ's default, stated here)
loopback_users.guest = true
# a small CI disk must not block publishers
disk_free_limit.absolute = 50MB
# to stdout, i.e. rabbitmq.log; the rotated file log is in log/
log.console = true
log.console.level = info
log.console.use_colors = off
log.file.level = info
EOF
    cat >>"$dir/rabbitmq.conf" <<EOF
# TLS listener, certificate from the development PKI; client certificates are verified when
# presented, not required
listeners.ssl.default = 127.0.0.1:$GOVDATA_RABBITMQ_TLS_PORT
ssl_options.cacertfile = $PKI/ca.crt
ssl_options.certfile = $PKI/rabbitmq.crt
ssl_options.keyfile = $PKI/rabbitmq.key
ssl_options.verify = verify_peer
ssl_options.fail_if_no_peer_cert = false
EOF
    echo '[].' >"$dir/enabled_plugins"
    echo '# intentionally empty: servers.sh sets the environment' >"$dir/rabbitmq-env.conf"
}

rabbitmq_launch() {
    rabbitmq_configure
    (
        rabbitmq_env
        launch rabbitmq "$RABBITMQ_BIN/rabbitmq-server"
    )
}

rabbitmq_ctl() {
    (
        rabbitmq_env
        "$RABBITMQ_BIN/rabbitmqctl" -n "$RABBITMQ_NODE" "$@"
    ) </dev/null 9>&-
}

# rabbitmq_ready: the user govdata-tls exists with the password in $PKI/rabbitmq-password
# (made here once) and all rights on vhost /. rabbitmqctl reads the password from stdin, so
# it never shows in a process list. Checked only when the password or the node's data is new.
rabbitmq_ready() {
    local file="$PKI/rabbitmq-password" stamp want
    stamp="$(server_dir rabbitmq)/mnesia/govdata-tls-user.stamp"
    if [ ! -s "$file" ]; then
        (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(24))' >"$file")
    fi
    want=$(sha256sum <"$file" | cut -c1-16)
    if [ -f "$stamp" ] && [ "$(<"$stamp")" = "$want" ]; then return 0; fi
    rabbitmq_ctl_secret "$file" authenticate_user "$RABBITMQ_TLS_USER" >/dev/null 2>&1 ||
        rabbitmq_ctl_secret "$file" add_user "$RABBITMQ_TLS_USER" >/dev/null 2>&1 ||
        rabbitmq_ctl_secret "$file" change_password "$RABBITMQ_TLS_USER" >>"$(log_of rabbitmq)" 2>&1 ||
        die "rabbitmq: could not create the user $RABBITMQ_TLS_USER; see $(log_of rabbitmq)"
    rabbitmq_ctl set_permissions -p / "$RABBITMQ_TLS_USER" '.*' '.*' '.*' >>"$(log_of rabbitmq)" 2>&1 ||
        die "rabbitmq: could not grant $RABBITMQ_TLS_USER rights on vhost /; see $(log_of rabbitmq)"
    printf '%s\n' "$want" >"$stamp"
    say "rabbitmq: user $RABBITMQ_TLS_USER ready (password in $file)"
}

# rabbitmq_ctl_secret FILE ARGS...: rabbitmqctl ARGS with FILE's first line on stdin
rabbitmq_ctl_secret() {
    local file=$1
    shift
    (
        rabbitmq_env
        "$RABBITMQ_BIN/rabbitmqctl" -n "$RABBITMQ_NODE" "$@"
    ) <"$file" 9>&-
}

rabbitmq_request_stop() {
    # rabbitmqctl stop shuts the node down cleanly (queues and messages are on disk); should
    # the node not answer, SIGTERM makes Debian's rabbitmq-server script do the same
    rabbitmq_ctl stop >>"$(log_of rabbitmq)" 2>&1 || kill -TERM "$1" 2>/dev/null || true
}

# ---------------------------------------------------------------------------- FerretDB

ferretdb_ports() { echo "$GOVDATA_MONGO_PORT $GOVDATA_MONGO_TLS_PORT $GOVDATA_FERRETDB_DEBUG_PORT"; }
ferretdb_url() { echo "$GOVDATA_MONGO_URI"; }
ferretdb_healthy() {
    probe mongo "$GOVDATA_MONGO_PORT" &&
        probe mongo "$GOVDATA_MONGO_TLS_PORT" "$PKI/ca.crt" "$PKI/govdata-admin.crt" "$PKI/govdata-admin.key"
}

ferretdb_install() {
    if [ -x "$GOVDATA_HOME/bin/ferretdb" ] && stamp_ok ferretdb "$FERRETDB_BUILD"; then
        return 0
    fi
    need_go
    command -v patch >/dev/null || apt_install patch
    build ferretdb "ferretdb $FERRETDB_VERSION (go build, minutes the first time)" ferretdb_build
}

# `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` is refused by the module proxy
# (403 on the version list it reads for deprecation notices), so download exactly this version
# and build it from a writable copy, with the version file its release build would write and
# the patches in scripts/patches (each says what it fixes and why; a patch that no longer
# applies stops the build rather than leaving a server without the fix).
ferretdb_build() {
    local work="$GOVDATA_HOME/build" src="$GOVDATA_HOME/build/ferretdb" moddir out version
    mkdir -p "$work" "$GOVDATA_HOME/bin"
    moddir=$(cd "$work" && go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
        sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
    echo "module source: $moddir"
    [ -d "$moddir" ]
    rm -rf "$src"
    cp -R "$moddir" "$src"
    chmod -R u+w "$src"
    # without it the binary panics at start ("Invalid build/version/version.txt file content")
    echo "$FERRETDB_VERSION" >"$src/build/version/version.txt"
    for patch_file in "$SCRIPTS"/patches/ferretdb-"$FERRETDB_VERSION"-*.patch; do
        echo "applying $(basename "$patch_file")"
        patch -d "$src" -p1 --forward --silent <"$patch_file"
    done
    out="$GOVDATA_HOME/bin/ferretdb.new"
    if ! (cd "$src" && go build -trimpath -o "$out" ./cmd/ferretdb); then
        echo "retrying with -mod=mod"
        (cd "$src" && GOFLAGS="${GOFLAGS:-} -mod=mod" go build -trimpath -o "$out" ./cmd/ferretdb)
    fi
    version=$("$out" --version)
    echo "$version"
    grep -qx "version: $FERRETDB_VERSION" <<<"$version"
    mv -f "$out" "$GOVDATA_HOME/bin/ferretdb"
    rm -rf "$src"
    stamp_set ferretdb "$FERRETDB_BUILD"
}

ferretdb_launch() {
    local dir
    dir=$(server_dir ferretdb)
    mkdir -p "$dir/data" "$dir/state"
    # GOGC=400: FerretDB decodes every document it reads into short-lived Go objects, and at
    # the default (100) garbage collection took a fifth of its CPU under the verification
    # benchmark; the heap it trades for that stays in the hundreds of megabytes.
    launch ferretdb env GOGC=400 "$GOVDATA_HOME/bin/ferretdb" \
        --handler=sqlite \
        --sqlite-url="file:$dir/data/" \
        --listen-addr="127.0.0.1:$GOVDATA_MONGO_PORT" \
        --listen-tls="127.0.0.1:$GOVDATA_MONGO_TLS_PORT" \
        --listen-tls-cert-file="$PKI/ferretdb.crt" \
        --listen-tls-key-file="$PKI/ferretdb.key" \
        --listen-tls-ca-file="$PKI/ca.crt" \
        --debug-addr="127.0.0.1:$GOVDATA_FERRETDB_DEBUG_PORT" \
        --state-dir="$dir/state" \
        --telemetry=disable \
        --log-level=info
}

ferretdb_request_stop() { kill -TERM "$1" 2>/dev/null || true; }

# -------------------------------------------------------------------------- OpenSearch

opensearch_ports() { echo "$GOVDATA_OPENSEARCH_PORT $GOVDATA_OPENSEARCH_TRANSPORT_PORT"; }
opensearch_url() { echo "$GOVDATA_OPENSEARCH_URL"; }
opensearch_healthy() {
    probe opensearch "http://127.0.0.1:$GOVDATA_OPENSEARCH_PORT/_cluster/health?wait_for_status=yellow&timeout=2s"
}

# the build is redone when the launcher's sources change
opensearch_sources_hash() {
    (cd "$OPENSEARCH_SRC" && find pom.xml layout src -type f -print0 | LC_ALL=C sort -z |
        xargs -0 sha256sum | sha256sum | cut -c1-16)
}

opensearch_install() {
    local want
    want=$(opensearch_sources_hash)
    if [ -f "$OPENSEARCH_DIST/modules/analysis-common/plugin-descriptor.properties" ] &&
        stamp_ok opensearch "$want"; then
        return 0
    fi
    need_java
    build opensearch "OpenSearch node (mvn package, scripts/opensearch)" opensearch_build "$want"
}

opensearch_build() {
    rm -rf "$OPENSEARCH_DIST"
    mvn -B --no-transfer-progress -f "$OPENSEARCH_SRC/pom.xml" \
        -Dgovdata.build.dir="$OPENSEARCH_DIST" package
    ls -R "$OPENSEARCH_DIST/modules" "$OPENSEARCH_DIST/plugins"
    stamp_set opensearch "$1"
}

opensearch_launch() {
    local dir java extra
    dir=$(server_dir opensearch)
    java=$(java_bin)
    mkdir -p "$dir/tmp" "$dir/logs"
    read -r -a extra <<<"${GOVDATA_OPENSEARCH_JAVA_OPTS:-}"
    # JVM options after OpenSearch's own jvm.options, heap capped at 1 GiB
    launch opensearch "$java" \
        -Xms512m -Xmx1g -XX:MaxDirectMemorySize=256m -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
        -XX:ErrorFile="$dir/logs/hs_err_pid%p.log" -Djava.io.tmpdir="$dir/tmp" \
        -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djna.nosys=true \
        -Djava.locale.providers=SPI,COMPAT \
        -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
        -Dio.netty.recycler.maxCapacityPerThread=0 -Dio.netty.allocator.numDirectArenas=0 \
        -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -Dlog4j2.formatMsgNoLookups=true \
        "${extra[@]}" \
        -Dgovdata.opensearch.dist="$OPENSEARCH_DIST" \
        -Dgovdata.opensearch.home="$dir" \
        -Dgovdata.opensearch.host=127.0.0.1 \
        -Dgovdata.opensearch.http.port="$GOVDATA_OPENSEARCH_PORT" \
        -Dgovdata.opensearch.transport.port="$GOVDATA_OPENSEARCH_TRANSPORT_PORT" \
        -Dgovdata.opensearch.cluster=govdata \
        -cp "$OPENSEARCH_DIST/lib/*" org.govdata.opensearch.Launcher
}

opensearch_request_stop() { kill -TERM "$1" 2>/dev/null || true; }

# -------------------------------------------------------------------------- Prometheus

prometheus_ports() { echo "$GOVDATA_PROMETHEUS_PORT"; }
prometheus_url() { echo "$GOVDATA_PROMETHEUS_URL"; }
prometheus_healthy() { probe http "http://127.0.0.1:$GOVDATA_PROMETHEUS_PORT/-/ready"; }

prometheus_install() {
    if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
        apt_install prometheus
    fi
}

# the govdata processes' metrics ports, as scripts/processes.py assigns them
prometheus_configure() {
    local dir services=(catalog search exchange verify audit) i
    dir=$(server_dir prometheus)
    mkdir -p "$dir/data"
    {
        echo "# Generated by scripts/servers.sh on every start; edits are lost."
        echo "global:"
        echo "  scrape_interval: 5s"
        echo "  evaluation_interval: 5s"
        echo "# the chart's alert rules, so the local platform's alerts show at /alerts"
        echo "rule_files:"
        echo "  - $(cd "$SCRIPTS/.." && pwd)/helm/govdata/files/rules/govdata-alerts.yaml"
        echo "scrape_configs:"
        echo "  - job_name: govdata"
        echo "    static_configs:"
        for i in "${!services[@]}"; do
            echo "      - targets: ['127.0.0.1:$((9401 + i))']"
            echo "        labels: {service: ${services[i]}, process: api}"
            echo "      - targets: ['127.0.0.1:$((9411 + i))']"
            echo "        labels: {service: ${services[i]}, process: worker}"
        done
    } >"$dir/prometheus.yml"
    promtool check config "$dir/prometheus.yml" >>"$(log_of prometheus)" 2>&1 ||
        die "prometheus: invalid $dir/prometheus.yml; see $(log_of prometheus)"
}

prometheus_launch() {
    local dir
    prometheus_configure
    dir=$(server_dir prometheus)
    launch prometheus "$(command -v prometheus)" \
        --config.file="$dir/prometheus.yml" \
        --storage.tsdb.path="$dir/data" \
        --storage.tsdb.retention.time=7d \
        --web.listen-address="127.0.0.1:$GOVDATA_PROMETHEUS_PORT" \
        --web.enable-lifecycle
}

prometheus_request_stop() { kill -TERM "$1" 2>/dev/null || true; }

# ------------------------------------------------------------------------------- tools

tools_install() {
    go_tool grpcurl github.com/fullstorydev/grpcurl/cmd/grpcurl "$GRPCURL_VERSION"
    go_tool buf github.com/bufbuild/buf/cmd/buf "$BUF_VERSION"
    go_tool helm helm.sh/helm/v3/cmd/helm "$HELM_VERSION"
    helm_unittest_install
    monitoring_crds_install
}

# go_module_dir MODULE@VERSION: download a Go module (the proxy, then the module cache) and print
# its read-only folder
go_module_dir() {
    local dir
    dir=$(go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -d "$dir" ] || die "go mod download $1 gave no module folder"
    printf '%s\n' "$dir"
}

# helm-unittest as a Helm plugin in $GOVDATA_HOME/helm/plugins (HELM_PLUGINS), built from its Go
# module: its go.mod has a replace directive, so `go install m@v` refuses it and it is built
# inside the downloaded module instead. Its own plugin.yaml would download a release binary on
# install; ours names the binary built here and has no hooks.
helm_unittest_install() {
    local dir="$GOVDATA_HOME/helm/plugins/unittest"
    if [ -x "$dir/untt" ] && stamp_ok helm-unittest "$HELM_UNITTEST_VERSION"; then
        return 0
    fi
    need_go
    build helm-unittest "helm-unittest $HELM_UNITTEST_VERSION (go build)" helm_unittest_build "$dir"
}

helm_unittest_build() {
    local dir=$1 module
    module=$(go_module_dir "github.com/helm-unittest/helm-unittest@$HELM_UNITTEST_VERSION")
    mkdir -p "$dir"
    (cd "$module" && go build -o "$dir/untt" ./cmd/helm-unittest)
    cat >"$dir/plugin.yaml" <<YAML
name: "unittest"
version: "${HELM_UNITTEST_VERSION#v}"
usage: "unittest for helm charts"
description: "helm-unittest, built by scripts/servers.sh from its Go module"
ignoreFlags: false
command: "\$HELM_PLUGIN_DIR/untt"
YAML
    stamp_set helm-unittest "$HELM_UNITTEST_VERSION"
}

# The Prometheus Operator's CRDs (ServiceMonitor, PrometheusRule, ...) from its Go module, so
# the chart's monitoring objects are validated against the schemas a cluster would apply.
monitoring_crds_install() {
    local dir="$GOVDATA_HOME/crds" module
    if [ -f "$dir/monitoring.coreos.com_servicemonitors.yaml" ] &&
        stamp_ok monitoring-crds "$PROMETHEUS_OPERATOR_VERSION"; then
        return 0
    fi
    need_go
    module=$(go_module_dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION")
    [ -d "$module/example/prometheus-operator-crd" ] || die "prometheus-operator: no CRDs in $module"
    mkdir -p "$dir"
    cp "$module"/example/prometheus-operator-crd/monitoring.coreos.com_*.yaml "$dir/"
    chmod u+w "$dir"/*.yaml
    stamp_set monitoring-crds "$PROMETHEUS_OPERATOR_VERSION"
}

go_tool() {
    local name=$1 package=$2 version=$3
    if [ -x "$GOVDATA_HOME/bin/$name" ] && stamp_ok "$name" "$version"; then
        return 0
    fi
    need_go
    mkdir -p "$GOVDATA_HOME/bin"
    build "$name" "$name $version (go install)" go_tool_build "$name" "$package" "$version"
}

go_tool_build() {
    GOBIN="$GOVDATA_HOME/bin" go install "$2@$3"
    "$GOVDATA_HOME/bin/$1" --version 2>&1 || true
    stamp_set "$1" "$3"
}

# ---------------------------------------------------------------------------- commands

WAITING=()

# start_server SERVER: start it unless ours already runs; queue it for the health wait
start_server() {
    local name=$1 pid port
    if pid=$(running_pid "$name"); then
        if "${name}_healthy"; then
            say "$name: already running (pid $pid)"
        else
            say "$name: running (pid $pid), not healthy yet"
            WAITING+=("$name")
        fi
        return 0
    fi
    for port in $("${name}_ports"); do
        if port_busy "$port"; then
            die "$name: 127.0.0.1:$port is taken by a process servers.sh did not start (move it in scripts/env.sh)"
        fi
    done
    "${name}_launch"
    say "$name: started (pid $(running_pid "$name" || echo '?')), log $(log_of "$name")"
    WAITING+=("$name")
}

cmd_install() {
    local name
    need_python
    for name in "$@"; do "${name}_install"; done
    if [ "$#" -eq "${#SERVERS[@]}" ]; then tools_install; fi
    builds_wait
}

cmd_start() {
    local name failed=0 t0=$SECONDS
    need_pki "$@"
    cmd_install "$@"
    WAITING=()
    for name in "$@"; do start_server "$name"; done
    for name in "${WAITING[@]}"; do
        if wait_healthy "$name"; then
            say "$name: healthy, $("${name}_url")"
        else
            failed=1
        fi
    done
    [ "$failed" -eq 0 ] || exit 1
    # what a server needs once it is up (RabbitMQ: the user for credential tests)
    for name in "$@"; do
        if declare -F "${name}_ready" >/dev/null; then "${name}_ready"; fi
    done
    if [ "${#WAITING[@]}" -gt 0 ]; then say "up in $((SECONDS - t0))s"; fi
}

stop_server() {
    local name=$1 pid deadline
    if ! pid=$(running_pid "$name"); then
        say "$name: not running"
        return 0
    fi
    "${name}_request_stop" "$pid"
    deadline=$((SECONDS + STOP_TIMEOUT))
    while alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if alive "$pid"; then
        warn "$name: still running after ${STOP_TIMEOUT}s, killing it (pid $pid)"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        sleep 1
    fi
    rm -f "$(pidfile_of "$name")"
    say "$name: stopped"
}

cmd_stop() {
    local i
    for ((i = $#; i >= 1; i--)); do stop_server "${!i}"; done
}

cmd_status() {
    local name pid state rc=0
    need_python
    for name in "$@"; do
        if pid=$(running_pid "$name"); then
            if "${name}_healthy"; then state=healthy; else state="running, not healthy" rc=1; fi
        else
            pid=- state=stopped rc=1
        fi
        printf '%-11s %-21s pid %-8s %-42s log %s\n' "$name" "$state" "$pid" "$("${name}_url")" "$(log_of "$name")"
    done
    return "$rc"
}

# one servers.sh at a time changes things (make -j may run several)
take_lock() {
    exec 9>"$GOVDATA_HOME/.servers.lock"
    flock -w 1800 9 || die "another servers.sh holds $GOVDATA_HOME/.servers.lock"
}

usage() {
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
    exit 2
}

main() {
    [ "$#" -ge 1 ] || usage
    local command=$1 name
    shift
    for name in "$@"; do
        [[ " ${SERVERS[*]} " == *" $name "* ]] || die "unknown server '$name' (servers: ${SERVERS[*]})"
    done
    [ "$#" -gt 0 ] || set -- "${SERVERS[@]}"
    # (no `a && b` chains here: `set -e` would not apply inside a)
    case "$command" in
    install)
        take_lock
        cmd_install "$@"
        say "installed, in $GOVDATA_HOME"
        ;;
    tools)
        take_lock
        tools_install
        builds_wait
        say "tools in $GOVDATA_HOME/bin: grpcurl, buf, helm (plugin unittest in $GOVDATA_HOME/helm/plugins; CRDs in $GOVDATA_HOME/crds)"
        ;;
    start)
        take_lock
        cmd_start "$@"
        ;;
    stop)
        take_lock
        cmd_stop "$@"
        ;;
    restart)
        take_lock
        cmd_stop "$@"
        cmd_start "$@"
        ;;
    status) cmd_status "$@" ;;
    *) usage ;;
    esac
}

main "$@"
