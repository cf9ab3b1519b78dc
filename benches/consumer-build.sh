#!/usr/bin/env bash
# What an application pays to depend on the generated clients: a consumer crate outside the repository, with a
# path dependency on `generated/` and one API feature, built clean in a target folder of its own. Prints the crates
# compiled and the wall time, with the machine's cores and load average (the wall time depends on them, the crate
# count does not).
#
#     bash benches/consumer-build.sh [WORK_DIR]
#
# WORK_DIR (default: a new temporary folder) holds the consumer crate and its target folder. Sources are fetched
# before the clock starts, so the time is compilation only. The consumer starts from the repository's Cargo.lock, so
# it builds the same dependency versions as the workspace.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work/consumer/src"
cat >"$work/consumer/Cargo.toml" <<TOML
[package]
name = "consumer"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
payout-clients = { path = "$repo/generated", default-features = false, features = ["tokenio"] }
TOML
cat >"$work/consumer/src/main.rs" <<'RS'
//! Builds a Token.io client (no request is sent): enough to compile everything a real application links.
use payout_clients::runtime::Secret;
use payout_clients::tokenio::{Auth, Client, Environment};

fn main() {
    let client = Client::new(Environment::Sandbox, Auth::Bearer(Secret::new("token".to_owned())));
    println!("{}", client.is_ok());
}
RS
cp "$repo/Cargo.lock" "$work/consumer/Cargo.lock"
export CARGO_TARGET_DIR="$work/target"
rm -rf "$CARGO_TARGET_DIR"
cargo fetch --quiet --manifest-path "$work/consumer/Cargo.toml"
echo "cores: $(nproc); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
cargo build --manifest-path "$work/consumer/Cargo.toml" 2>"$work/build.log"
end=$(date +%s.%N)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
compiled=$(grep -c '^ *Compiling ' "$work/build.log")
echo "crates compiled: $compiled"
echo "clean build wall time: $(echo "$end - $start" | bc) s"
echo "compiled (log in $work/build.log):"
grep '^ *Compiling ' "$work/build.log" | awk '{print $2" "$3}' | sort | tr '\n' ' '
echo
