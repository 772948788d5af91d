#!/usr/bin/env python3
"""Executes the notebooks in a real client and checks them: no error output, every chart a plotly output.

Clients:
  nbclient     Jupyter's own client (Debian python3-nbclient) with a kernelspec name (--kernel), as
               `jupyter nbconvert --execute` runs it;
  dotnet-repl  the headless .NET notebook runner (--repl PATH), which embeds .NET Interactive.

Each notebook gets the parameters cell's overrides injected as a cell tagged `injected-parameters` right after the
cell tagged `parameters` (papermill's convention, as our runner does) and runs with `notebooks/` as its working
directory, as in VS Code. Prints one PASS/FAIL line a notebook and closes with `N passed, N failed`; exit code 1 on
any failure. Executed notebooks are written to --out.
"""
import argparse, os, subprocess, sys, time

import nbformat

CHART_MARK = 'class="notebooknet-chart"'
PLOTLY_MARK = 'class="notebooknet-plotlyjs"'


def inject(nb, assignments):
    index = next((i for i, c in enumerate(nb.cells) if 'parameters' in c.metadata.get('tags', [])), -1)
    cell = nbformat.v4.new_code_cell('// Parameters injected by tests/kernels/execute_notebooks.py\n'
                                     + '\n'.join(f'{a};' for a in assignments))
    cell.metadata['tags'] = ['injected-parameters']
    cell.metadata['polyglot_notebook'] = {'kernelName': 'csharp'}
    nb.cells.insert(index + 1, cell)


def html_outputs(nb):
    for cell in nb.cells:
        if cell.cell_type != 'code':
            continue
        for output in cell.get('outputs', []):
            html = output.get('data', {}).get('text/html')
            if html is not None:
                yield html if isinstance(html, str) else ''.join(html)


def check(nb):
    """What is wrong with an executed notebook (empty when nothing is)."""
    problems = []
    for cell in nb.cells:
        for output in cell.get('outputs', []) if cell.cell_type == 'code' else []:
            if output.get('output_type') == 'error':
                first = (output.get('evalue') or '').strip().splitlines()[:1]
                problems.append(f"error output: {output.get('ename')}: {first[0] if first else ''}"[:300])
    charts = [h for h in html_outputs(nb) if CHART_MARK in h]
    if not charts:
        problems.append('no chart output (a text/html output with a notebooknet-chart div)')
    not_plotly = [h for h in charts if 'Plotly.newPlot' not in h]
    if not_plotly:
        problems.append(f'{len(not_plotly)} chart output(s) without a plotly.js figure')
    carrying = sum(h.count(PLOTLY_MARK) for h in html_outputs(nb))
    if charts and carrying != 1:
        problems.append(f'plotly.js is carried {carrying} times (expected once, by the first chart)')
    return problems, len(charts)


def run_nbclient(nb, kernel, cwd, timeout, log):
    from nbclient import NotebookClient
    # The kernel's own console output (the released kernel logs its HTTP listeners) goes to the log, not ours.
    NotebookClient(nb, kernel_name=kernel, timeout=timeout, allow_errors=True,
                   resources={'metadata': {'path': cwd}}).execute(stdout=log, stderr=log)
    return nb


def run_repl(nb, repl, cwd, timeout, scratch, stem, log):
    source = os.path.join(scratch, stem + '.input.ipynb')
    target = os.path.join(scratch, stem + '.repl.ipynb')
    nbformat.write(nb, source)
    result = subprocess.run([repl, '--run', source, '--exit-after-run', '--output-format', 'ipynb',
                             '--output-path', target, '--working-dir', cwd],
                            cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, timeout=timeout)
    if not os.path.exists(target):
        raise RuntimeError(f'dotnet-repl wrote no notebook (exit {result.returncode}); its output is in {log.name}')
    return nbformat.read(target, as_version=4)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('notebooks', nargs='+')
    parser.add_argument('--client', choices=['nbclient', 'dotnet-repl'], required=True)
    parser.add_argument('--kernel', help='kernelspec name for nbclient (e.g. .net-csharp)')
    parser.add_argument('--repl', help='path of the dotnet-repl executable')
    parser.add_argument('--out', required=True, help='folder for the executed notebooks')
    parser.add_argument('-p', '--parameter', action='append', default=[], help='an assignment, e.g. "Quick = true"')
    parser.add_argument('--timeout', type=int, default=1200, help='seconds a cell (nbclient) or notebook (dotnet-repl) may take')
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    label = args.kernel if args.client == 'nbclient' else 'dotnet-repl'
    passed = failed = 0
    log = open(os.path.join(args.out, f'{args.client}.log'), 'a')
    for path in args.notebooks:
        stem = os.path.splitext(os.path.basename(path))[0]
        cwd = os.path.dirname(os.path.abspath(path))
        nb = nbformat.read(path, as_version=4)
        inject(nb, args.parameter)
        clock = time.time()
        try:
            if args.client == 'nbclient':
                nb = run_nbclient(nb, args.kernel, cwd, args.timeout, log)
            else:
                nb = run_repl(nb, args.repl, cwd, args.timeout, args.out, stem, log)
            suffix = f'nbclient-{args.kernel.lstrip(".")}' if args.client == 'nbclient' else args.client
            nbformat.write(nb, os.path.join(args.out, f'{stem}.{suffix}.ipynb'))
            problems, charts = check(nb)
        except Exception as e:  # a kernel that dies or a client error is this notebook's failure
            problems, charts = [f'{type(e).__name__}: {str(e)[:500]}'], 0
        seconds = time.time() - clock
        if problems:
            failed += 1
            print(f'FAIL {label} {stem} ({seconds:.0f} s)')
            for p in problems:
                print(f'    {p}')
        else:
            passed += 1
            print(f'PASS {label} {stem}: {charts} chart(s), no errors ({seconds:.0f} s)')
        sys.stdout.flush()
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
