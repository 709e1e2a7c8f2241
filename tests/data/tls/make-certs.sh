#!/bin/sh
# Writes the certificates Ferry's TLS tests use, next to this script:
#   ca.pem / ca.der / ca-key.pem           the test CA, valid 2020-2120
#   server.pem / server-key.pem            for IP 127.0.0.1 and DNS localhost, signed by the CA
#   expired.pem / expired-key.pem          for 127.0.0.1, signed by the CA, valid 2001-2002 only
#   self-signed.pem / self-signed-key.pem  for 127.0.0.1, signed by itself
#   wrong-host.pem / wrong-host-key.pem    for DNS wrong.example only, signed by the CA
# The output is committed, so tests never generate anything; run this again only to replace
# them. Needs the openssl command line tool.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Fixed dates rather than "now": the files are committed, and a test machine whose clock runs
# behind the day they were made must still find them valid.
start=20200101000000Z
end=21200101000000Z

# A key in the traditional PEM form, which every TLS backend reads.
newkey() {
    openssl genrsa -traditional -out "$1" 2048 2>/dev/null
}

# Extensions for a server certificate; $1 is the subjectAltName value.
server_ext() {
    printf '%s\n' \
        "basicConstraints = critical, CA:FALSE" \
        "keyUsage = critical, digitalSignature, keyEncipherment" \
        "extendedKeyUsage = serverAuth" \
        "subjectKeyIdentifier = hash" \
        "authorityKeyIdentifier = keyid" \
        "subjectAltName = $1"
}

# `openssl ca` is the one signer that takes explicit start and end dates, so every
# certificate, the self-signed ones included, goes through it.
mkdir -p "$work/db"
: >"$work/db/index.txt"
echo 1000 >"$work/db/serial"
printf '%s\n' \
    "[ ca ]" \
    "default_ca = test_ca" \
    "[ test_ca ]" \
    "database = $work/db/index.txt" \
    "serial = $work/db/serial" \
    "new_certs_dir = $work/db" \
    "certificate = $here/ca.pem" \
    "private_key = $here/ca-key.pem" \
    "default_md = sha256" \
    "policy = any" \
    "unique_subject = no" \
    "copy_extensions = none" \
    "email_in_dn = no" \
    "[ any ]" \
    "organizationName = optional" \
    "commonName = supplied" >"$work/ca.cnf"

# $1 name, $2 common name, $3 extensions file, then extra `openssl ca` arguments.
issue() {
    name=$1 cn=$2 ext=$3
    shift 3
    newkey "$here/$name-key.pem"
    openssl req -new -key "$here/$name-key.pem" -subj "/O=Ferry Tests/CN=$cn" \
        -out "$work/$name.csr"
    openssl ca -batch -notext -config "$work/ca.cnf" -extfile "$ext" \
        -in "$work/$name.csr" -out "$here/$name.pem" "$@" 2>/dev/null
}

# The test CA signs itself.
printf '%s\n' \
    "basicConstraints = critical, CA:TRUE" \
    "keyUsage = critical, keyCertSign, cRLSign" \
    "subjectKeyIdentifier = hash" >"$work/ca.ext"
issue ca "Ferry Test CA" "$work/ca.ext" -selfsign -startdate $start -enddate $end
openssl x509 -in "$here/ca.pem" -outform DER -out "$here/ca.der"

server_ext "IP:127.0.0.1, DNS:localhost" >"$work/local.ext"
server_ext "DNS:wrong.example" >"$work/wrong.ext"
issue server 127.0.0.1 "$work/local.ext" -startdate $start -enddate $end
issue expired 127.0.0.1 "$work/local.ext" -startdate 20010101000000Z -enddate 20020101000000Z
issue wrong-host wrong.example "$work/wrong.ext" -startdate $start -enddate $end

# A certificate that vouches for itself: nobody Ferry trusts signed it.
printf '%s\n' \
    "basicConstraints = critical, CA:FALSE" \
    "subjectAltName = IP:127.0.0.1, DNS:localhost" >"$work/self.ext"
issue self-signed "Ferry Self-Signed" "$work/self.ext" -selfsign \
    -keyfile "$here/self-signed-key.pem" -startdate $start -enddate $end

echo "Wrote the test certificates to $here"
