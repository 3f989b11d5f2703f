#!/bin/sh
# Installs a PEM certificate chain and its private key (what nginx and coturn take, e.g. Let's
# Encrypt's fullchain.pem and privkey.pem; RSA or EC, PKCS#8 or traditional) as the key store that
# HTTPS and TURN over TLS share, standalone/configuration/application.keystore, with the password it
# has (the system property wildrtc.keystore.password in standalone.xml). When the server runs, both
# serve the new certificate to new connections without a reload: open connections, calls and TURN
# allocations go on.
#
#   bin/wildrtc-certificate.sh [--controller=HOST:PORT] CHAIN.pem KEY.pem
#
# --controller is the management interface to apply it through (default 127.0.0.1:9990); the CLI
# authenticates as the local user, so run this as the user the server runs as (or root).
# The previous key store is kept as application.keystore.<UTC time>.bak.
set -eu

fail() {
  echo "wildrtc-certificate: $*" >&2
  exit 1
}

controller=127.0.0.1:9990
case "${1:-}" in
  --controller=*) controller=${1#--controller=}; shift ;;
esac
[ $# -eq 2 ] || fail "usage: $0 [--controller=HOST:PORT] CHAIN.pem KEY.pem"
chain=$1
key=$2
command -v openssl >/dev/null || fail "openssl is not installed (Debian: apt-get install openssl)"

home=$(cd "$(dirname "$0")/.." && pwd)
config="$home/standalone/configuration"
store="$config/application.keystore"
keytool="${JAVA_HOME:+$JAVA_HOME/bin/}keytool"
command -v "$keytool" >/dev/null || fail "no keytool: set JAVA_HOME to the JDK the server runs on"

[ -r "$chain" ] || fail "cannot read $chain"
[ -r "$key" ] || fail "cannot read $key"
# The first certificate of the chain is the server's own (RFC 8446 §4.4.2): its key must be KEY.pem's.
openssl x509 -in "$chain" -noout 2>/dev/null \
  || fail "$chain holds no PEM certificate (give the certificate chain first, the private key second)"
openssl pkey -in "$key" -passin pass: -noout 2>/dev/null \
  || fail "$key holds no unencrypted PEM private key"
[ "$(openssl x509 -in "$chain" -noout -pubkey)" = "$(openssl pkey -in "$key" -passin pass: -pubout)" ] \
  || fail "the private key in $key does not belong to the first certificate in $chain"

# The password stays what the server is configured with, so no setting changes.
password=$(sed -n 's/.*<property name="wildrtc\.keystore\.password" value="\([^"]*\)".*/\1/p' \
  "$config/standalone.xml" 2>/dev/null | head -n 1)
[ -n "$password" ] || fail "no key store password: $config/standalone.xml has no system property \
wildrtc.keystore.password (in your own WildFly, add it first: README.md, Install into your own WildFly)"
WILDRTC_KEYSTORE_PASSWORD=$password
export WILDRTC_KEYSTORE_PASSWORD

# Written next to the key store and renamed over it, so the server never reads half a file.
umask 077
next=$(mktemp "$config/.application.keystore.XXXXXX")
trap 'rm -f "$next"' EXIT
openssl pkcs12 -export -in "$chain" -inkey "$key" -passin pass: -name server \
  -passout env:WILDRTC_KEYSTORE_PASSWORD -out "$next" \
  || fail "openssl could not write a PKCS12 key store from $chain and $key"
# Readable by whoever owns the key store now (the server's user when root runs this), by no one else.
[ ! -e "$store" ] || [ "$(id -u)" != 0 ] || chown --reference="$store" "$next"
# The server's Java must read what this openssl wrote (OpenSSL 3 encrypts with AES and PBKDF2).
"$keytool" -list -keystore "$next" -storetype PKCS12 -storepass:env WILDRTC_KEYSTORE_PASSWORD >/dev/null \
  || fail "$keytool cannot read the key store openssl wrote; nothing was changed"

if [ -e "$store" ]; then
  backup="$store.$(date -u +%Y%m%dT%H%M%SZ).bak"
  # a second run within the same second must not overwrite the first one's backup
  [ ! -e "$backup" ] || backup="$store.$(date -u +%Y%m%dT%H%M%SZ).$$.bak"
  cp -p "$store" "$backup"
  echo "previous key store kept as $backup"
fi
mv -f "$next" "$store"
trap - EXIT
echo "installed $(openssl x509 -in "$chain" -noout -subject) as $store"

cli="$home/bin/jboss-cli.sh"
if ! "$cli" -c --controller="$controller" --command=":read-attribute(name=server-state)" >/dev/null 2>&1; then
  echo "no server answers at $controller: the certificate takes effect when the server starts"
  exit 0
fi
# HTTPS: Elytron's key store re-reads the file (load) and its key manager takes the new key (init),
# in one batch, so a failing init puts the key store back. The SSL context HTTPS uses asks that key
# manager at every handshake: new connections get the new certificate, open ones (the calls'
# WebSockets) stay. TURN over TLS follows the file itself, within a few seconds.
echo "applying the new certificate through $controller (no reload: open connections and calls go on)"
applied=$("$cli" -c --controller="$controller" --commands="batch,\
/subsystem=elytron/key-store=applicationKS:load,/subsystem=elytron/key-manager=applicationKM:init,run-batch" 2>&1) \
  || fail "the server at $controller could not take the new key store (key-store=applicationKS:load, \
key-manager=applicationKM:init): $applied; HTTPS serves the previous certificate until the server reloads, \
TURN over TLS takes the new one by itself"
echo "HTTPS serves the new certificate to new connections now, TURN over TLS within a few seconds (its log"
echo "says \"TURN over TLS presents the renewed certificate\")"
