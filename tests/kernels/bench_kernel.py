#!/usr/bin/env python3
"""Measures a Jupyter kernel through jupyter_client, the same way for any kernelspec (ours: notebooknet; the released
.NET Interactive kernel: .net-csharp), so the two can be compared side by side:

  readySeconds      start_kernel() until wait_for_ready() returns (kernel_info_reply, IOPub delivering);
  firstCellSeconds  the first cell, 1+1, from execute to its reply and idle status;
  roundTripMs       median of 50 x 1+1, the same way;
  interruptSeconds  interrupt_kernel() during a training cell until the cell's reply (null: no reply came);
  stateKept         whether a variable of an earlier cell is still there after the interrupt.

The last line printed is one JSON object. Usage:
  JUPYTER_PATH=DIR /usr/bin/python3 tests/kernels/bench_kernel.py --kernel notebooknet
"""
import argparse, json, os, queue, statistics, time

from jupyter_client.manager import KernelManager

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


def run_cell(kc, code, timeout=120):
    clock = time.time()
    msg_id = kc.execute(code)
    reply = None
    while reply is None:
        msg = kc.get_shell_msg(timeout=timeout)
        if msg['parent_header'].get('msg_id') == msg_id:
            reply = msg
    result = None
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg['parent_header'].get('msg_id') != msg_id:
            continue
        if msg['msg_type'] in ('execute_result', 'display_data'):
            data = msg['content']['data']
            result = data.get('text/plain', data.get('text/html'))
        if msg['msg_type'] == 'status' and msg['content']['execution_state'] == 'idle':
            return time.time() - clock, reply['content']['status'], result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--kernel', required=True)
    parser.add_argument('--library', default=os.path.join(ROOT, 'lib/NotebookNet/bin/Release/net10.0/NotebookNet.dll'))
    args = parser.parse_args()
    print(f'kernel {args.kernel}; load average {" ".join(open("/proc/loadavg").read().split()[:3])}')

    km = KernelManager(kernel_name=args.kernel)
    clock = time.time()
    km.start_kernel(cwd=os.path.join(ROOT, 'notebooks'), stdout=open(os.devnull, 'w'), stderr=open(os.devnull, 'w'))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    ready = time.time() - clock
    print(f'ready: {ready:.3f} s')
    first, status, result = run_cell(kc, '1+1')
    assert status == 'ok' and '2' in (result or ''), (status, result)
    print(f'first cell: {first:.3f} s')
    trips = sorted(run_cell(kc, '1+1')[0] * 1000 for _ in range(50))
    median = statistics.median(trips)
    print(f'round trip: median {median:.1f} ms (min {trips[0]:.1f}, max {trips[-1]:.1f})')

    _, status, _ = run_cell(kc, f'#r "{args.library}"\nusing NotebookNet.Data;\nusing NotebookNet.Models;\n'
                                'using NotebookNet.Training;\n'
                                'var data = SyntheticCifar10.Generate(recordsPerBatch: 500);\n'
                                'var split = Splits.Batch1Batch2Test(data);\nvar kept = 42;')
    assert status == 'ok', status
    msg_id = kc.execute('var network = new TwoLayerNetwork(\n'
                        '    TwoLayerParameters.Initialise(Cifar10.Dimensions, 50, 10, new Random(1)));\n'
                        'var status = display("starting");\n'
                        'Trainer.Train(network, split.Train, split.Validation,\n'
                        '    TrainingOptions.Cyclical(0.01, 100, 100000) with { Seed = 1 },\n'
                        '    new InlineProgress<TrainingProgress>(p => status.Update(p.ToString())));')
    deadline = time.time() + 120
    while time.time() < deadline:  # until training reports progress
        msg = kc.get_iopub_msg(timeout=120)
        if msg['parent_header'].get('msg_id') == msg_id and msg['msg_type'] == 'update_display_data':
            break
    time.sleep(0.3)
    clock = time.time()
    km.interrupt_kernel()
    interrupt = None
    try:
        while True:
            msg = kc.get_shell_msg(timeout=max(0.1, clock + 10 - time.time()))
            if msg['parent_header'].get('msg_id') == msg_id:
                interrupt = time.time() - clock
                break
    except queue.Empty:
        pass
    time.sleep(0.5)
    alive = km.is_alive()
    kept = False
    if alive and interrupt is not None:
        try:
            _, status, result = run_cell(kc, 'kept', timeout=30)
            kept = status == 'ok' and '42' in (result or '')
        except queue.Empty:
            pass
    shown = 'no reply' if interrupt is None else f'{interrupt:.3f} s'
    print(f'interrupt: {shown}; kernel alive: {alive}; state kept: {kept}')
    kc.stop_channels()
    if km.is_alive():
        km.shutdown_kernel(now=False)
    else:
        km.cleanup_resources()
    print(json.dumps({'kernel': args.kernel, 'readySeconds': round(ready, 3), 'firstCellSeconds': round(first, 3),
                      'roundTripMs': round(median, 1),
                      'interruptSeconds': None if interrupt is None else round(interrupt, 3),
                      'stateKept': kept}))


if __name__ == '__main__':
    main()
