#!/usr/bin/env bash
# Installs every Debian package the project needs. Idempotent and quiet:
# packages already present are not touched, and apt-get runs only when
# something is missing.
set -euo pipefail

PACKAGES=(
  bazel-bootstrap     # Bazel 4.2.3 (pulls a JDK)
  bazel-rules-java    # rules_java that Bazel needs even for C++
  g++
  libabsl-dev         # absl::Status/StatusOr, strings, time
  libprotobuf-dev     # the API model
  protobuf-compiler
  libcpprest-dev      # HTTP for the adapter layer
  libssl-dev          # SHA-1 for UUIDv5 task IDs; TLS for cpprestsdk
  libfmt-dev
  catch2              # unit tests (v2 single header)
  libyaml-cpp-dev     # YAML manifests and kubeconfig
  nlohmann-json3-dev  # JSON tree with exact 64-bit integers
  libbenchmark-dev    # Google Benchmark
  libboost-dev        # Boost.Asio/Beast: the local control plane's HTTP server
  libboost-system-dev # Boost.System, the one compiled part Asio links against
  libre2-dev          # RE2 = Go regexp semantics for CRD `pattern` validation
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
