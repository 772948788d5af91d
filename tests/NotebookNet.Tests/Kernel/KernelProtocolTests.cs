using System.Text.Json.Nodes;
using NotebookNet.Runner.Kernel;

namespace NotebookNet.Tests.Kernel;

/// <summary>The kernel's pure parts: signatures, wire framing, is_complete, connection files, positions,
/// kernelspec.</summary>
public sealed class KernelProtocolTests
{
    private static readonly byte[][] Parts =
    [
        """{"msg_id":"1","msg_type":"execute_request"}"""u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(),
        """{"code":"1+1"}"""u8.ToArray(),
    ];

    [Fact]
    public void Signature_matches_jupyter_client()
    {
        // jupyter_client.session.Session(key=b'secret').sign(Parts)
        Assert.Equal("3fd52fe2512ab9af20fb8ed100b7943e16f88513e6d33809e1aea84e18610f44",
            new MessageSigner("secret").Sign(Parts));
    }

    [Fact]
    public void Verify_accepts_the_signature_and_rejects_any_other()
    {
        var signer = new MessageSigner("secret");
        var signature = signer.Sign(Parts);
        Assert.True(signer.Verify(signature, Parts));
        Assert.False(signer.Verify(signature.ToUpperInvariant()[..63] + "0", Parts));
        Assert.False(signer.Verify("", Parts));
        Assert.False(signer.Verify("not hex at all, but sixty-four characters long, for the length chk", Parts));
        Assert.False(new MessageSigner("other").Verify(signature, Parts));
        var tampered = Parts.Select(p => p.ToArray()).ToArray();
        tampered[3] = """{"code":"2+2"}"""u8.ToArray();
        Assert.False(signer.Verify(signature, tampered));
    }

    [Fact]
    public void Empty_key_signs_nothing_and_accepts_only_unsigned_messages()
    {
        var signer = new MessageSigner("");
        Assert.Equal("", signer.Sign(Parts));
        Assert.True(signer.Verify("", Parts));
        Assert.False(signer.Verify(new MessageSigner("k").Sign(Parts), Parts));
    }

    [Fact]
    public void Frames_round_trip_with_identities_and_buffers()
    {
        var signer = new MessageSigner("key");
        var request = new JupyterMessage
        {
            Identities = [[1, 2, 3]],
            Header = JupyterMessage.NewHeader("execute_request", "client-session"),
            Content = new JsonObject { ["code"] = "display(\"é ✓ 😀\")" },
            Buffers = [[9, 9]],
        };
        var frames = request.ToFrames(signer);
        Assert.Equal([1, 2, 3], frames[0]);
        Assert.Equal(JupyterMessage.Delimiter, frames[1]);
        Assert.Equal(64, frames[2].Length);
        var parsed = JupyterMessage.Parse(frames, signer);
        Assert.Equal("execute_request", parsed.Type);
        Assert.Equal(request.Id, parsed.Id);
        Assert.Equal("display(\"é ✓ 😀\")", (string?)parsed.Content["code"]);
        Assert.Equal([1, 2, 3], parsed.Identities.Single());
        Assert.Equal([9, 9], parsed.Buffers.Single());

        var reply = JupyterMessage.Create("execute_reply", new JsonObject { ["status"] = "ok" }, parsed,
            "kernel-session");
        Assert.Equal(request.Id, (string?)reply.ParentHeader["msg_id"]);
        Assert.Equal([1, 2, 3], reply.Identities.Single());
        Assert.Equal("5.3", (string?)reply.Header["version"]);
        Assert.Equal("kernel-session", (string?)reply.Header["session"]);
    }

    [Fact]
    public void Parse_rejects_a_wrong_signature_and_bad_framing()
    {
        var frames = new JupyterMessage
        {
            Header = JupyterMessage.NewHeader("execute_request", "s"), Content = new JsonObject { ["code"] = "1" },
        }.ToFrames(new MessageSigner("right"));
        var e = Assert.Throws<InvalidMessageException>(() => JupyterMessage.Parse(frames, new MessageSigner("wrong")));
        Assert.Contains("wrong signature", e.Message);
        var right = new MessageSigner("right");
        Assert.Throws<InvalidMessageException>(() => JupyterMessage.Parse(frames.Skip(1).ToList(), right));
        Assert.Throws<InvalidMessageException>(() => JupyterMessage.Parse(frames.Take(4).ToList(), right));
        var garbage = new MessageSigner("");
        var notJson = new List<byte[]>
        {
            JupyterMessage.Delimiter, Array.Empty<byte>(), "{"u8.ToArray(), "{}"u8.ToArray(), "{}"u8.ToArray(),
            "{}"u8.ToArray(),
        };
        Assert.Throws<InvalidMessageException>(() => JupyterMessage.Parse(notJson, garbage));
    }

    [Theory]
    [InlineData("for (int i = 0;", "incomplete")]
    [InlineData("void F() {", "incomplete")]
    [InlineData("var s = \"open", "incomplete")]
    [InlineData("1 +", "incomplete")]
    [InlineData("var x = 1;", "complete")]
    [InlineData("1 + 1", "complete")]
    [InlineData("#r \"nuget: MathNet.Numerics, 5.0.0\"\nusing System;", "complete")]
    [InlineData("var = ;", "invalid")]
    [InlineData("#!fsharp\nlet x = 1", "invalid")]
    public void Is_complete_reads_roslyn_script_syntax(string code, string expected)
    {
        Assert.Equal(expected, CompletenessCheck.Check(code).Status);
    }

    [Fact]
    public void Incomplete_code_suggests_an_indent()
    {
        Assert.Equal("    ", CompletenessCheck.Check("void F() {").Indent);
    }

    [Fact]
    public void Code_points_and_utf16_indices_convert_both_ways()
    {
        const string text = "a😀b";   // 😀 is two UTF-16 units, one code point
        Assert.Equal(3, CodePoints.ToIndex(text, 2));
        Assert.Equal(2, CodePoints.FromIndex(text, 3));
        Assert.Equal(text.Length, CodePoints.ToIndex(text, 99));
        Assert.Equal(3, CodePoints.FromIndex(text, text.Length));
    }

    [Fact]
    public void Connection_file_is_read_and_checked()
    {
        var dir = Directory.CreateTempSubdirectory("notebooknet-connection").FullName;
        var good = Path.Combine(dir, "good.json");
        File.WriteAllText(good, """
            {"ip": "127.0.0.1", "transport": "tcp", "shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003,
             "control_port": 5004, "hb_port": 5005, "key": "abc", "signature_scheme": "hmac-sha256",
             "kernel_name": "notebooknet"}
            """);
        var connection = ConnectionFile.Load(good);
        Assert.Equal("tcp://127.0.0.1:5001", connection.Endpoint(connection.ShellPort));
        Assert.Equal("abc", connection.Key);
        var everywhere = Path.Combine(dir, "everywhere.json");
        File.WriteAllText(everywhere, File.ReadAllText(good).Replace("127.0.0.1", "0.0.0.0", StringComparison.Ordinal));
        var error = Assert.Throws<InvalidDataException>(() => ConnectionFile.Load(everywhere));
        Assert.Contains("every interface", error.Message);
        var md5 = Path.Combine(dir, "md5.json");
        File.WriteAllText(md5, File.ReadAllText(good).Replace("hmac-sha256", "hmac-md5", StringComparison.Ordinal));
        Assert.Contains("hmac-md5", Assert.Throws<InvalidDataException>(() => ConnectionFile.Load(md5)).Message);
    }

    [Fact]
    public void Kernelspec_starts_the_runner_with_the_connection_file_and_message_interrupts()
    {
        var dir = Directory.CreateTempSubdirectory("notebooknet-kernels").FullName;
        var path = KernelSpec.Install(dir);
        Assert.Equal(Path.Combine(dir, "notebooknet", "kernel.json"), path);
        var spec = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("C# (NotebookNet)", (string?)spec["display_name"]);
        Assert.Equal("C#", (string?)spec["language"]);
        Assert.Equal("message", (string?)spec["interrupt_mode"]);
        var argv = spec["argv"]!.AsArray().Select(a => (string)a!).ToArray();
        Assert.EndsWith("NotebookNet.Runner.dll", argv[1]);
        Assert.Equal(["kernel", "run", "--connection-file", "{connection_file}"], argv[2..]);
        Assert.True(KernelSpec.Uninstall(dir));
        Assert.False(Directory.Exists(Path.Combine(dir, "notebooknet")));
        Assert.False(KernelSpec.Uninstall(dir));
    }

    [Fact]
    public void Documentation_summary_is_one_line_with_cref_names()
    {
        const string xml = """
            <member name="M:X.Train"><summary>Trains <paramref name="network"/> with
            <see cref="T:NotebookNet.Training.TrainingOptions"/>.</summary><returns>r</returns></member>
            """;
        Assert.Equal("Trains network with TrainingOptions.", SymbolInspection.Summary(xml));
        Assert.Equal("", SymbolInspection.Summary(null));
    }
}
