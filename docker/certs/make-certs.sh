#!/bin/bash
# One-shot `certs` service of docker-compose.yml (the apps' JRE image, which has keytool; mounted read-only).
#
# Makes, once, a private CA for the compose cluster and one certificate per Kafka node for its SASL_SSL listener
# published to the host (SAN: localhost and the node's name), signed by that CA:
#   /ca/ca.p12                    the CA's key pair (volume kafka-ca: only this service mounts it)
#   /certs/ca.crt                 the CA certificate, PEM: what clients outside the host trust (README, Docker)
#   /certs/kafka-N.keystore.p12   node N's key and certificate chain (volume kafka-certs, mounted read-only by node N)
# The keystore password is the secret kafka-tls-password. A second run changes nothing.
set -euo pipefail

password_file=/run/secrets/kafka-tls-password
if [[ ! -s "$password_file" ]]; then
  echo "certs: the secret kafka-tls-password is missing or empty: run docker/secrets/make-secrets (README, Docker)" >&2
  exit 1
fi
password=$(cat "$password_file")
days=825
cd /certs

if [[ ! -f /ca/ca.p12 ]]; then
  keytool -genkeypair -alias ca -keyalg RSA -keysize 3072 -validity "$days" -dname "CN=progress-pipeline compose CA" \
    -ext bc:c -ext ku:c=keyCertSign,cRLSign -keystore /ca/ca.p12 -storetype PKCS12 -storepass:file "$password_file"
  chmod 600 /ca/ca.p12
fi
keytool -exportcert -rfc -alias ca -keystore /ca/ca.p12 -storepass:file "$password_file" -file ca.crt

for node in ${KAFKA_NODES:?KAFKA_NODES is not set}; do
  keystore="$node.keystore.p12"
  [[ -f "$keystore" ]] && continue
  keytool -genkeypair -alias "$node" -keyalg RSA -keysize 2048 -validity "$days" -dname "CN=$node" \
    -keystore "$keystore" -storetype PKCS12 -storepass:file "$password_file"
  keytool -certreq -alias "$node" -keystore "$keystore" -storepass:file "$password_file" -file "$node.csr"
  keytool -gencert -alias ca -keystore /ca/ca.p12 -storepass:file "$password_file" -infile "$node.csr" -outfile "$node.crt" \
    -rfc -validity "$days" -ext "san=dns:localhost,dns:$node" -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth
  keytool -importcert -noprompt -alias ca -file ca.crt -keystore "$keystore" -storepass:file "$password_file"
  keytool -importcert -alias "$node" -file "$node.crt" -keystore "$keystore" -storepass:file "$password_file"
  rm -f "$node.csr" "$node.crt"
  # the Kafka image runs as its own user (uid 1000): the keystore is readable by it (the password protects the key)
  chmod 644 "$keystore"
done
chmod 644 ca.crt
echo "certs: CA and node keystores in place (${KAFKA_NODES}); clients trust /certs/ca.crt"
unset password
