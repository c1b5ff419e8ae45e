# What dixian needs from Debian, installed when missing: sourced by scripts/run and scripts/test.
#
# Installing needs root and apt-get; without them each check names the package and fails. Services a package would
# start (Debian's own PostgreSQL cluster, a Prometheus server) are kept from starting by a policy-rc.d that refuses,
# put in place for the install only: dixian runs its own PostgreSQL.

# apt_install PURPOSE PACKAGE...: installs the packages and says so, or names them and returns 1.
apt_install() {
  local purpose="$1"
  shift
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "$purpose not found: install $* (as root: apt-get install $*)" >&2
    return 1
  fi
  echo "== installing $purpose (apt-get install $*)"
  local policy=/usr/sbin/policy-rc.d added="" status=0
  [ -e "$policy" ] || { printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && added=1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || status=$?
  [ -z "$added" ] || rm -f "$policy"
  return $status
}

have_postgres_server() {
  command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ] && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

# The PostgreSQL server programs (initdb, postgres, pg_ctl), which the embedded cluster runs; the package brings
# postgresql-client (psql, pg_dump) with it.
ensure_postgres_server() {
  have_postgres_server || apt_install "PostgreSQL server programs" postgresql
}

# ZIPFoundation (DixianTabular's XLSX reader) links zlib, whose headers Debian ships in zlib1g-dev.
ensure_zlib_headers() {
  [ -f /usr/include/zlib.h ] || pkg-config --exists zlib 2>/dev/null || apt_install "zlib headers" zlib1g-dev
}

# The certificate authorities TLS verification checks a mail server or chat endpoint against.
ensure_ca_certificates() {
  [ -s /etc/ssl/certs/ca-certificates.crt ] || apt_install "CA certificates" ca-certificates
}
