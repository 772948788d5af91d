#!/usr/bin/env bash
# Runs every notebook in quick mode in the kernels users have, through real clients, and checks the outputs:
#   - the released .NET Interactive kernel (dotnet tool Microsoft.dotnet-interactive 1.0.712001: what VS Code's
#     Polyglot Notebooks and Jupyter's .net-csharp kernelspec run), driven by Jupyter's nbclient;
#   - dotnet-repl 0.3.259 (the headless .NET notebook runner);
#   - our kernel, "C# (NotebookNet)" (kernelspec notebooknet: the runner's engine), driven by nbclient; then the
#     real-client tests of tests/kernels/test_kernel.py (jupyter_client's BlockingKernelClient) against it.
# Installs both tools (into $NOTEBOOKNET_TOOLS, default ~/.cache/notebooknet/tools) and, when missing and root,
# Debian's python3-nbclient/jupyter-nbconvert. Needs the solution built in Release (the runner is built here when
# missing). Prints one PASS/FAIL line a notebook and client and one a kernel test, then "N passed, N failed".
# Usage: bash tests/kernels/run.sh [notebook.ipynb ...]
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
tools=${NOTEBOOKNET_TOOLS:-$HOME/.cache/notebooknet/tools}
python=/usr/bin/python3   # Debian's python, where apt installs nbclient (the python3 first on PATH may be another)
out=${NOTEBOOKNET_KERNEL_OUT:-$root/artifacts/kernels}
mkdir -p "$tools" "$out"

if ! "$python" -c 'import nbclient, nbformat, jupyter_client' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-nbclient python3-jupyter-client jupyter-nbconvert >/dev/null) \
      || { echo "could not install python3-nbclient; 0 passed, 1 failed"; exit 1; }
  else
    echo "Debian's python3-nbclient python3-jupyter-client jupyter-nbconvert are needed (apt-get install them); 0 passed, 1 failed"; exit 1
  fi
fi

install_tool() { # package version folder
  if [ ! -x "$tools/$3/$4" ]; then
    dotnet tool install "$1" --version "$2" --tool-path "$tools/$3" >/dev/null \
      || { echo "could not install the dotnet tool $1 $2"; return 1; }
  fi
}
install_tool Microsoft.dotnet-interactive 1.0.712001 dotnet-interactive dotnet-interactive || { echo "0 passed, 1 failed"; exit 1; }
install_tool dotnet-repl 0.3.259 dotnet-repl dotnet-repl || { echo "0 passed, 1 failed"; exit 1; }

# The kernelspec as `dotnet-interactive jupyter install` writes it, in a folder of our own (JUPYTER_PATH), with its
# argv pointed at the tool we installed (the stock one runs `dotnet interactive`, a global tool).
jupyter_path="$tools/jupyter"
rm -rf "$jupyter_path" && mkdir -p "$jupyter_path/kernels"
"$tools/dotnet-interactive/dotnet-interactive" jupyter install --path "$jupyter_path/kernels" >/dev/null \
  || { echo "dotnet-interactive jupyter install failed; 0 passed, 1 failed"; exit 1; }
"$python" - "$jupyter_path/kernels/.net-csharp/kernel.json" "$tools/dotnet-interactive/dotnet-interactive" <<'PY'
import json, sys
path, tool = sys.argv[1], sys.argv[2]
spec = json.load(open(path))
assert spec['argv'][:2] == ['dotnet', 'interactive'], spec['argv']
spec['argv'] = [tool] + spec['argv'][2:]
json.dump(spec, open(path, 'w'), indent=2)
PY

# Our kernelspec, installed the way a user installs it (`kernel install --path`), into the same folder.
runner_dll="$root/lib/NotebookNet.Runner/bin/Release/net10.0/NotebookNet.Runner.dll"
if [ ! -f "$runner_dll" ]; then
  dotnet build -c Release "$root/lib/NotebookNet.Runner" >/dev/null || { echo "could not build the runner; 0 passed, 1 failed"; exit 1; }
fi
dotnet "$runner_dll" kernel install --path "$jupyter_path/kernels" >/dev/null \
  || { echo "kernel install failed; 0 passed, 1 failed"; exit 1; }

if [ "$#" -gt 0 ]; then notebooks=("$@"); else notebooks=("$root"/notebooks/*.ipynb); fi
# The kernels write figures and results to this folder, not to the main job's artifacts/.
export NOTEBOOKNET_ARTIFACTS="$out/artifacts"
log=$(mktemp)
JUPYTER_PATH="$jupyter_path" "$python" tests/kernels/execute_notebooks.py --client nbclient --kernel .net-csharp \
  --out "$out" -p "Quick = true" "${notebooks[@]}" | tee "$log"
"$python" tests/kernels/execute_notebooks.py --client dotnet-repl --repl "$tools/dotnet-repl/dotnet-repl" \
  --out "$out" -p "Quick = true" "${notebooks[@]}" | tee -a "$log"
JUPYTER_PATH="$jupyter_path" "$python" tests/kernels/execute_notebooks.py --client nbclient --kernel notebooknet \
  --out "$out" -p "Quick = true" "${notebooks[@]}" | tee -a "$log"
# The kernel's own log (stderr) goes to a file; the tests' lines and their count to ours.
JUPYTER_PATH="$jupyter_path" "$python" tests/kernels/test_kernel.py 2>>"$out/test_kernel.log" | tee -a "$log"
passed=$(grep -Eo '^[0-9]+ passed' "$log" | grep -Eo '[0-9]+' | paste -sd+ | bc)
failed=$(grep -Eo '^[0-9]+ passed, [0-9]+ failed' "$log" | awk '{print $3}' | paste -sd+ | bc)
echo "kernels: ${passed:-0} passed, ${failed:-0} failed"
[ "${failed:-1}" -eq 0 ] && [ "${passed:-0}" -gt 0 ]
