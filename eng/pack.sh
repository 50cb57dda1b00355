#!/usr/bin/env bash
# Packs the contracts (Streamer.Contracts) into the local NuGet feed artifacts/feed, which the samples and the
# .NET 8 consumer tests restore from. Prints the version packed (from git tags through MinVer, docs/contracts.md).
#   eng/pack.sh                    # artifacts/feed/Streamer.Contracts.<version>.nupkg and .snupkg
#   eng/pack.sh --baseline 1.3.0   # also fail on a breaking change against the published 1.3.0 (package validation)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() { sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

baseline=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --baseline)
      [[ $# -ge 2 ]] || { echo "pack.sh: --baseline needs a version" >&2; exit 2; }
      baseline=$2
      shift 2
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "pack.sh: unknown argument '$1'" >&2
      usage >&2
      exit 2
      ;;
  esac
done

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1

feed=artifacts/feed
mkdir -p "$feed"
# One package in the feed: consumers that float (the samples, *-*) get the one just built.
rm -f "$feed"/Streamer.Contracts.*.nupkg "$feed"/Streamer.Contracts.*.snupkg

args=(-c Release -o "$feed" -p:RestoreLockedMode=true)
if [[ -n $baseline ]]; then
  args+=("-p:ContractsBaselineVersion=$baseline")
fi
dotnet pack contracts/Streamer.Contracts/Streamer.Contracts.csproj "${args[@]}" </dev/null >&2

package=$(find "$feed" -maxdepth 1 -name 'Streamer.Contracts.*.nupkg' | head -n 1)
[[ -n $package ]] || { echo "pack.sh: no package in $feed" >&2; exit 1; }
version=${package#"$feed/Streamer.Contracts."}
version=${version%.nupkg}

# NuGet keeps each extracted package by id and version; a package packed again under the same version (a
# change not yet committed) would be shadowed by the stale copy, so that copy goes.
packages=$(dotnet nuget locals global-packages --list </dev/null | sed 's/^global-packages: //')
rm -rf "${packages%/}/streamer.contracts/$version"

echo "$version"
