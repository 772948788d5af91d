using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotebookNet.Runner.Kernel;

/// <summary>
/// A Jupyter connection file: where the kernel's five sockets listen and the key messages are signed with
/// (written by the client, e.g. jupyter_client, and passed as <c>{connection_file}</c> in the kernelspec's argv).
/// </summary>
public sealed record ConnectionFile
{
    /// <summary>The address every socket binds to (e.g. <c>127.0.0.1</c>): the kernel listens there only.</summary>
    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";
    /// <summary>ZeroMQ transport; only <c>tcp</c> is supported.</summary>
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";
    /// <summary>Shell (ROUTER): requests and replies.</summary>
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }
    /// <summary>IOPub (PUB): status, outputs.</summary>
    [JsonPropertyName("iopub_port")] public int IOPubPort { get; init; }
    /// <summary>Stdin (ROUTER): input requests to the client.</summary>
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }
    /// <summary>Control (ROUTER): interrupt and shutdown, served while a cell runs.</summary>
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }
    /// <summary>Heartbeat (REP): echoes pings.</summary>
    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }
    /// <summary>The HMAC key; empty means messages are not signed.</summary>
    [JsonPropertyName("key")] public string Key { get; init; } = "";
    /// <summary><c>hmac-sha256</c> (the only scheme supported).</summary>
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";
    /// <summary>The kernelspec name the client started (informational).</summary>
    [JsonPropertyName("kernel_name")] public string? KernelName { get; init; }

    /// <summary>Reads and checks a connection file; throws <see cref="InvalidDataException"/> saying what is
    /// wrong.</summary>
    public static ConnectionFile Load(string path)
    {
        ConnectionFile? file;
        try { file = JsonSerializer.Deserialize<ConnectionFile>(File.ReadAllText(path)); }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a Jupyter connection file ({e.Message}).");
        }
        if (file is null) throw new InvalidDataException($"{path}: empty connection file.");
        file.Validate(path);
        return file;
    }

    /// <summary>The endpoint a socket on <paramref name="port"/> binds to, e.g. <c>tcp://127.0.0.1:5555</c>.</summary>
    public string Endpoint(int port) => $"{Transport}://{Ip}:{port}";

    /// <summary>The connection file as JSON (what a client writes).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });

    private void Validate(string path)
    {
        if (Transport != "tcp")
            throw new InvalidDataException($"{path}: transport \"{Transport}\" is not supported (only tcp).");
        if (SignatureScheme != "hmac-sha256")
            throw new InvalidDataException(
                $"{path}: signature_scheme \"{SignatureScheme}\" is not supported (only hmac-sha256).");
        if (string.IsNullOrWhiteSpace(Ip) || Ip is "*" or "0.0.0.0")
            throw new InvalidDataException(
                $"{path}: ip \"{Ip}\" would listen on every interface; give one address (127.0.0.1).");
        foreach (var (name, port) in new[] { ("shell_port", ShellPort), ("iopub_port", IOPubPort),
                     ("stdin_port", StdinPort),
                     ("control_port", ControlPort), ("hb_port", HeartbeatPort) })
            if (port is <= 0 or > 65535) throw new InvalidDataException($"{path}: {name} {port} is not a port.");
    }
}
