#!/usr/bin/env python3
"""Real-client tests of the NotebookNet kernel: jupyter_client's KernelManager and BlockingKernelClient (Debian's
python3-jupyter-client) talk Jupyter messaging to the kernelspec `notebooknet` found on JUPYTER_PATH.

Each test can fail on its own and prints one PASS/FAIL line; the run closes with `N passed, N failed` and exits 1 on
any failure. Usage: JUPYTER_PATH=DIR /usr/bin/python3 tests/kernels/test_kernel.py [--library PATH/NotebookNet.dll]
"""
import argparse, glob, os, queue, shutil, signal, sys, tempfile, time, traceback

from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
TIMEOUT = 120


def start(cwd, **env):
    km = KernelManager(kernel_name='notebooknet')
    km.start_kernel(cwd=cwd, env={**os.environ, **env})
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return km, kc


def stop(km, kc):
    try:
        kc.stop_channels()
    finally:
        if km.is_alive():
            km.shutdown_kernel(now=False)


def collect(kc, msg_id, timeout=TIMEOUT):
    """The IOPub messages answering msg_id, up to its idle status."""
    messages, deadline = [], time.time() + timeout
    while time.time() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        except queue.Empty:
            break
        if msg['parent_header'].get('msg_id') != msg_id:
            continue
        messages.append(msg)
        if msg['msg_type'] == 'status' and msg['content']['execution_state'] == 'idle':
            return messages
    raise AssertionError(f'no idle status for {msg_id} within {timeout} s (got {[m["msg_type"] for m in messages]})')


def reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while time.time() < deadline:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if msg['parent_header'].get('msg_id') == msg_id:
            return msg
    raise AssertionError(f'no shell reply for {msg_id}')


def execute(kc, code, **kwargs):
    msg_id = kc.execute(code, **kwargs)
    return reply(kc, msg_id), collect(kc, msg_id)


def plain(messages, types=('execute_result',)):
    return [m['content']['data'].get('text/plain') for m in messages if m['msg_type'] in types]


def listening_sockets(pid):
    """(address, port) of every TCP socket in LISTEN state owned by pid (from /proc/net/tcp and tcp6)."""
    inodes = set()
    for fd in os.listdir(f'/proc/{pid}/fd'):
        try:
            target = os.readlink(f'/proc/{pid}/fd/{fd}')
        except OSError:
            continue
        if target.startswith('socket:['):
            inodes.add(target[8:-1])
    found = []
    for table, v6 in (('/proc/net/tcp', False), ('/proc/net/tcp6', True)):
        if not os.path.exists(table):
            continue
        for line in open(table).read().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state != '0A' or inode not in inodes:  # 0A = LISTEN
                continue
            address, port = local.split(':')
            raw = bytes.fromhex(address)
            if v6:
                words = [raw[i:i + 4][::-1] for i in range(0, 16, 4)]
                raw = b''.join(words)
                text = ':'.join(raw[i:i + 2].hex() for i in range(0, 16, 2))
            else:
                text = '.'.join(str(b) for b in raw[::-1])
            found.append((text, int(port, 16)))
    return found


class Tests:
    def __init__(self, library):
        self.library = library
        self.km, self.kc = start(os.path.join(ROOT, 'notebooks'))
        r, _ = execute(self.kc, f'#r "{library}"\nusing NotebookNet.Data;\nusing NotebookNet.Models;\n'
                       'using NotebookNet.Training;\nvar data = SyntheticCifar10.Generate(recordsPerBatch: 500);\n'
                       'var split = Splits.Batch1Batch2Test(data);\nvar kept = 42;')
        assert r['content']['status'] == 'ok', r['content']

    def close(self):
        stop(self.km, self.kc)

    def test_kernel_info_has_full_language_info(self):
        msg_id = self.kc.kernel_info()
        info = reply(self.kc, msg_id)['content']
        assert info['protocol_version'] >= '5.3', info
        language = info['language_info']
        for key in ('name', 'version', 'mimetype', 'file_extension', 'pygments_lexer', 'codemirror_mode'):
            assert language.get(key), f'language_info lacks {key}: {language}'
        assert language['name'] == 'C#' and language['file_extension'] == '.cs', language

    def test_display_handle_updated_three_times_arrives_as_update_display_data(self):
        r, messages = execute(self.kc,
                              'var h = display("zero");\nh.Update("one");\nh.Update("two");\nh.Update("three");')
        assert r['content']['status'] == 'ok', r['content']
        shown = [m for m in messages if m['msg_type'] == 'display_data']
        updates = [m for m in messages if m['msg_type'] == 'update_display_data']
        assert len(shown) == 1, [m['msg_type'] for m in messages]
        display_id = shown[0]['content']['transient']['display_id']
        assert display_id, shown[0]['content']
        assert len(updates) == 3, [m['msg_type'] for m in messages]
        assert all(u['content']['transient']['display_id'] == display_id for u in updates)
        assert [u['content']['data']['text/plain'] for u in updates] == ['one', 'two', 'three'], updates

    def test_interrupted_training_replies_within_a_second_and_keeps_variables(self):
        code = ('var network = new TwoLayerNetwork(\n'
                '    TwoLayerParameters.Initialise(Cifar10.Dimensions, 50, 10, new Random(1)));\n'
                'var status = display("starting");\n'
                'Trainer.Train(network, split.Train, split.Validation,\n'
                '    TrainingOptions.Cyclical(0.01, 100, 100000) with { Seed = 1 },\n'
                '    new InlineProgress<TrainingProgress>(p => status.Update(p.ToString())));')
        msg_id = self.kc.execute(code)
        deadline = time.time() + TIMEOUT
        while True:  # wait until training reports progress: the cell is inside Trainer.Train
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
            if msg['parent_header'].get('msg_id') == msg_id and msg['msg_type'] == 'update_display_data':
                break
        time.sleep(0.3)
        sent = time.time()
        interrupt = self.kc.session.send(self.kc.control_channel.socket,
                                         self.kc.session.msg('interrupt_request', {}))
        r = reply(self.kc, msg_id, timeout=30)
        seconds = time.time() - sent
        collect(self.kc, msg_id)
        assert r['content']['status'] == 'error', r['content']
        assert r['content']['ename'] == 'KeyboardInterrupt', r['content']
        assert seconds <= 1.0, f'the interrupted cell replied after {seconds:.2f} s'
        control = self.kc.get_control_msg(timeout=10)
        assert control['msg_type'] == 'interrupt_reply', control['msg_type']
        assert interrupt['header']['msg_id'] == control['parent_header']['msg_id']
        r, messages = execute(self.kc, 'kept + 1')
        assert r['content']['status'] == 'ok', r['content']
        assert plain(messages) == ['43'], plain(messages)
        print(f'    interrupt to reply: {seconds * 1000:.0f} ms')

    def test_a_cell_that_ignores_the_interrupt_is_abandoned_and_the_kernel_goes_on(self):
        msg_id = self.kc.execute('var lost = 1;\nSystem.Threading.Thread.Sleep(20_000);')
        time.sleep(1.5)
        clock = time.time()
        self.km.interrupt_kernel()
        r = reply(self.kc, msg_id, timeout=30)
        seconds = time.time() - clock
        collect(self.kc, msg_id)
        assert r['content']['ename'] == 'KeyboardInterrupt' and 'abandoned' in r['content']['evalue'], r['content']
        assert seconds < 6, f'replied {seconds:.1f} s after the interrupt'
        r, messages = execute(self.kc, 'kept')
        assert plain(messages) == ['42'], plain(messages)
        r, _ = execute(self.kc, 'lost')
        assert r['content']['status'] == 'error', 'an abandoned cell\'s variables were kept'

    def test_message_with_a_bad_signature_is_not_executed(self):
        forged = Session(key=b'not-the-key', username='intruder')
        msg = forged.msg('execute_request', {'code': 'var forged = 1;', 'silent': False, 'store_history': True,
                                             'user_expressions': {}, 'allow_stdin': False, 'stop_on_error': True})
        forged.send(self.kc.shell_channel.socket, msg)
        time.sleep(1.0)
        try:
            stray = self.kc.get_shell_msg(timeout=0.5)
            raise AssertionError(f'the kernel answered a forged message: {stray["msg_type"]}')
        except queue.Empty:
            pass
        r, messages = execute(self.kc, 'forged')
        assert r['content']['status'] == 'error' and 'CS0103' in r['content']['evalue'], r['content']
        assert not any(m['parent_header'].get('msg_id') == msg['header']['msg_id'] for m in messages)

    def test_is_complete(self):
        for code, expected in (('for (int i = 0;', 'incomplete'), ('var x = 1;', 'complete'), ('1 +', 'incomplete'),
                               ('var = ;', 'invalid')):
            msg_id = self.kc.is_complete(code)
            status = reply(self.kc, msg_id)['content']['status']
            assert status == expected, f'is_complete({code!r}) = {status}, expected {expected}'

    def test_completion_offers_members_and_earlier_variables(self):
        code = 'var s = "x"; s.'
        r = reply(self.kc, self.kc.complete(code, len(code)))['content']
        assert r['status'] == 'ok', r
        assert 'Length' in r['matches'], r['matches'][:40]
        assert r['cursor_start'] == len(code) and r['cursor_end'] == len(code), r
        code = 'kep'
        r = reply(self.kc, self.kc.complete(code, len(code)))['content']
        assert 'kept' in r['matches'], r['matches'][:40]
        assert r['cursor_start'] == 0, r

    def test_inspect_shows_signature_and_summary(self):
        code = 'Trainer.Train'
        r = reply(self.kc, self.kc.inspect(code, len(code)))['content']
        assert r['status'] == 'ok' and r['found'], r
        text = r['data']['text/plain']
        assert 'Train(' in text and 'Trains' in text, text

    def test_history_and_comm_info_are_empty(self):
        r = reply(self.kc, self.kc.history())['content']
        assert r['status'] == 'ok' and r['history'] == [], r
        r = reply(self.kc, self.kc.comm_info())['content']
        assert r['status'] == 'ok' and r['comms'] == {}, r

    def test_errors_stream_silent_and_stop_on_error(self):
        r, messages = execute(self.kc, 'Console.WriteLine("to stdout"); throw new InvalidOperationException("boom");')
        assert r['content']['status'] == 'error' and r['content']['ename'].endswith('InvalidOperationException')
        errors = [m for m in messages if m['msg_type'] == 'error']
        assert errors and any('boom' in line for line in errors[0]['content']['traceback']), errors
        streams = ''.join(m['content']['text'] for m in messages if m['msg_type'] == 'stream')
        assert 'to stdout' in streams, messages
        r, _ = execute(self.kc, 'int x = "text";')
        assert r['content']['status'] == 'error' and 'CS0029' in r['content']['evalue'], r['content']
        r, messages = execute(self.kc, '1 + 1', silent=True)
        assert r['content']['status'] == 'ok' and not [m for m in messages if m['msg_type'] != 'status'], messages
        first = self.kc.execute('throw new Exception("first");')
        second = self.kc.execute('var neverRun = 1;')
        assert reply(self.kc, first)['content']['status'] == 'error'
        assert reply(self.kc, second)['content']['status'] == 'aborted'
        r, _ = execute(self.kc, 'neverRun')
        assert r['content']['status'] == 'error', r['content']

    def test_sockets_listen_only_on_loopback(self):
        pid = self.km.provisioner.process.pid if getattr(self.km, 'provisioner', None) else self.km.kernel.pid
        found = listening_sockets(pid)
        info = self.km.get_connection_info()
        ports = {info[k] for k in ('shell_port', 'iopub_port', 'stdin_port', 'control_port', 'hb_port')}
        assert ports <= {p for _, p in found}, f'listening {found}, expected the ports {ports}'
        others = [(a, p) for a, p in found if a != '127.0.0.1']
        assert not others, f'listening beyond 127.0.0.1: {others}'

    def test_a_client_that_disconnects_and_reconnects_sees_the_same_state(self):
        self.kc.stop_channels()  # the client goes away (a closed browser tab, a restarted VS Code window)
        time.sleep(0.5)
        self.kc = self.km.client()  # and comes back with the same session identity
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=30)
        r, messages = execute(self.kc, 'kept * 2')
        assert plain(messages) == ['84'], plain(messages)
        other = self.km.client(session=Session(key=self.km.session.key))  # a second client beside it
        other.start_channels()
        try:
            other.wait_for_ready(timeout=30)
            r, messages = execute(other, 'kept')
            assert plain(messages) == ['42'], plain(messages)
        finally:
            other.stop_channels()


def test_shutdown_during_a_running_cell_exits_cleanly():
    km, kc = start(ROOT)
    try:
        kc.execute('System.Threading.Thread.Sleep(600_000);')
        time.sleep(1.0)
        clock = time.time()
        kc.shutdown()
        r = kc.get_control_msg(timeout=10) if hasattr(kc, 'get_control_msg') else kc.control_channel.get_msg(timeout=10)
        assert r['msg_type'] == 'shutdown_reply', r['msg_type']
        process = km.provisioner.process if getattr(km, 'provisioner', None) else km.kernel
        process.wait(timeout=15)
        assert process.returncode == 0, f'exit code {process.returncode}'
        print(f'    exited {time.time() - clock:.1f} s after shutdown_request')
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)


def test_stack_overflow_ends_the_kernel_and_the_client_is_told():
    km, kc = start(ROOT)
    try:
        msg_id = kc.execute('int Down(int n) => Down(n + 1) + 1;\nDown(0)')
        deadline = time.time() + 60
        while km.is_alive() and time.time() < deadline:
            time.sleep(0.2)
        assert not km.is_alive(), 'a stack overflow did not end the kernel (expected: .NET cannot survive it)'
        # What a client sees: the kernel process is gone and no reply will come (nbclient: DeadKernelError).
        try:
            while True:
                msg = kc.get_shell_msg(timeout=1)
                assert msg['parent_header'].get('msg_id') != msg_id, 'a reply came from a dead kernel'
        except queue.Empty:
            pass
    finally:
        kc.stop_channels()
        km.cleanup_resources() if hasattr(km, 'cleanup_resources') else None


def wait_for(pattern, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = glob.glob(pattern)
        if found:
            return found
        time.sleep(0.2)
    return []


def test_sigint_to_the_process_group_interrupts_and_figure_export_survives(library):
    """What a signal-mode client (or Ctrl+C in a terminal) does: SIGINT to the kernel's whole process group, where
    the figure renderer's Chromium lives too. The cell is interrupted, the kernel stays, and figures still export."""
    artifacts = tempfile.mkdtemp(prefix='notebooknet-sigint-')
    # A shell starts background jobs with SIGINT ignored, and an ignored SIGINT is inherited and kept by .NET (as by
    # any Unix program started that way): start this kernel with the default disposition, as a terminal would.
    previous = signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        km, kc = start(ROOT, NOTEBOOKNET_ARTIFACTS=artifacts)
    finally:
        signal.signal(signal.SIGINT, previous)
    chromium = any(shutil.which(c) for c in ('chromium', 'chromium-browser', 'google-chrome')) \
        or os.environ.get('NOTEBOOKNET_CHROMIUM')
    figure = 'display(Charts.LogXLine(new[] {{ 1.0, 10, 100 }}, new[] {{ 1.0, 2, 3 }}, "{0}", "x", "y", "line"));'
    try:
        r, _ = execute(kc, f'#r "{library}"\nusing NotebookNet.Reporting;\n'
                           'NotebookNet.Interactive.Notebook.Setup("sigint-test");\n' + figure.format('before'))
        assert r['content']['status'] == 'ok', r['content']
        if chromium:
            assert wait_for(os.path.join(artifacts, 'figures', 'sigint-test-01-*.png'), 90), 'no PNG before the SIGINT'
        msg_id = kc.execute('while (true) { NotebookNet.CellCancellation.Current.ThrowIfCancellationRequested(); '
                            'System.Threading.Thread.Sleep(10); }')
        time.sleep(1.0)
        pid = km.provisioner.process.pid if getattr(km, 'provisioner', None) else km.kernel.pid
        os.killpg(os.getpgid(pid), signal.SIGINT)
        r = reply(kc, msg_id, timeout=10)
        assert r['content']['ename'] == 'KeyboardInterrupt', r['content']
        assert km.is_alive(), 'SIGINT ended the kernel'
        r, _ = execute(kc, figure.format('after'))
        assert r['content']['status'] == 'ok', r['content']
        assert os.path.exists(glob.glob(os.path.join(artifacts, 'figures', 'sigint-test-02-*.html'))[0])
        if chromium:
            assert wait_for(os.path.join(artifacts, 'figures', 'sigint-test-02-*.png'), 90), \
                'no PNG after the SIGINT: figure export did not recover'
        else:
            print('    no Chromium: PNG export not checked')
    finally:
        stop(km, kc)
        shutil.rmtree(artifacts, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--library', default=os.path.join(ROOT, 'lib/NotebookNet/bin/Release/net10.0/NotebookNet.dll'))
    parser.add_argument('-k', help='run only tests whose name contains this')
    args = parser.parse_args()
    passed = failed = 0

    def run(name, test):
        nonlocal passed, failed
        if args.k and args.k not in name:
            return
        clock = time.time()
        try:
            test()
            passed += 1
            print(f'PASS {name} ({time.time() - clock:.1f} s)')
        except Exception as e:
            failed += 1
            print(f'FAIL {name}: {type(e).__name__}: {e}')
            traceback.print_exc(limit=3, file=sys.stdout)
        sys.stdout.flush()

    try:
        tests = Tests(args.library)
    except Exception as e:
        print(f'FAIL the kernel did not start: {type(e).__name__}: {e}')
        print('0 passed, 1 failed')
        return 1
    try:
        for name in [n for n in dir(Tests) if n.startswith('test_')]:
            run(name, getattr(tests, name))
    finally:
        tests.close()
    run('test_sigint_to_the_process_group_interrupts_and_figure_export_survives',
        lambda: test_sigint_to_the_process_group_interrupts_and_figure_export_survives(args.library))
    run('test_shutdown_during_a_running_cell_exits_cleanly', test_shutdown_during_a_running_cell_exits_cleanly)
    run('test_stack_overflow_ends_the_kernel_and_the_client_is_told',
        test_stack_overflow_ends_the_kernel_and_the_client_is_told)
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
