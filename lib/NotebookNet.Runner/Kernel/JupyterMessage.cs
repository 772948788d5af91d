using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookNet.Runner.Kernel;

/// <summary>A message that could not be read: bad framing, bad JSON or a wrong signature. It is dropped and
/// logged.</summary>
public sealed class InvalidMessageException(string message) : Exception(message);

/// <summary>
/// One Jupyter message (messaging protocol 5.3) and its wire framing over ZeroMQ:
/// <c>[identities…, "&lt;IDS|MSG&gt;", signature, header, parent_header, metadata, content, buffers…]</c>.
/// </summary>
public sealed class JupyterMessage
{
    /// <summary>The protocol version this kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>The frame separating routing identities from the message.</summary>
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    private static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>ZeroMQ routing identities (ROUTER sockets) or the topic (IOPub).</summary>
    public IReadOnlyList<byte[]> Identities { get; init; } = [];
    /// <summary><c>msg_id</c>, <c>session</c>, <c>username</c>, <c>date</c>, <c>msg_type</c>, <c>version</c>.</summary>
    public required JsonObject Header { get; init; }
    /// <summary>The header of the request this message answers (empty for none).</summary>
    public JsonObject ParentHeader { get; init; } = [];
    /// <summary>Metadata (empty for most).</summary>
    public JsonObject Metadata { get; init; } = [];
    /// <summary>The message's content.</summary>
    public required JsonObject Content { get; init; }
    /// <summary>Extra binary buffers (kept, never interpreted).</summary>
    public IReadOnlyList<byte[]> Buffers { get; init; } = [];

    /// <summary><c>header.msg_type</c>.</summary>
    public string Type => Header["msg_type"]?.GetValue<string>() ?? "";
    /// <summary><c>header.msg_id</c>.</summary>
    public string Id => Header["msg_id"]?.GetValue<string>() ?? "";

    /// <summary>Reads a multipart message, checking its signature; throws <see
    /// cref="InvalidMessageException"/>.</summary>
    public static JupyterMessage Parse(IReadOnlyList<byte[]> frames, MessageSigner signer)
    {
        int delimiter = -1;
        for (int i = 0; i < frames.Count; i++)
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) { delimiter = i; break; }
        if (delimiter < 0) throw new InvalidMessageException("no <IDS|MSG> delimiter frame");
        if (frames.Count < delimiter + 6)
            throw new InvalidMessageException($"{frames.Count - delimiter - 1} frames after the delimiter (need 5)");
        var signature = Encoding.ASCII.GetString(frames[delimiter + 1]);
        var parts = frames.Skip(delimiter + 2).Take(4).ToArray();
        if (!signer.Verify(signature, parts))
            throw new InvalidMessageException(signature.Length == 0 ? "unsigned message" : "wrong signature");
        var header = Object(parts[0], "header");
        if (header["msg_type"] is null || header["msg_id"] is null)
            throw new InvalidMessageException("header without msg_type or msg_id");
        return new JupyterMessage
        {
            Identities = frames.Take(delimiter).ToArray(),
            Header = header,
            ParentHeader = Object(parts[1], "parent_header"),
            Metadata = Object(parts[2], "metadata"),
            Content = Object(parts[3], "content"),
            Buffers = frames.Skip(delimiter + 6).ToArray(),
        };
    }

    /// <summary>The message's frames, signed.</summary>
    public List<byte[]> ToFrames(MessageSigner signer)
    {
        var parts = new[] { Bytes(Header), Bytes(ParentHeader), Bytes(Metadata), Bytes(Content) };
        var frames = new List<byte[]>(Identities.Count + 6 + Buffers.Count);
        frames.AddRange(Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(parts)));
        frames.AddRange(parts);
        frames.AddRange(Buffers);
        return frames;
    }

    /// <summary>A new message of <paramref name="type"/>, answering <paramref name="parent"/> when given.</summary>
    /// <param name="type">The <c>msg_type</c>.</param>
    /// <param name="content">The content.</param>
    /// <param name="parent">The request (its header becomes the parent header; its identities route a reply).</param>
    /// <param name="session">The sender's session id.</param>
    public static JupyterMessage Create(string type, JsonObject content, JupyterMessage? parent, string session) =>
        new()
        {
            Identities = parent?.Identities ?? [],
            Header = NewHeader(type, session),
            ParentHeader = parent is null ? [] : (JsonObject)parent.Header.DeepClone(),
            Content = content,
        };

    /// <summary>A header for a new message.</summary>
    public static JsonObject NewHeader(string type, string session, string username = "kernel") => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString("N"),
        ["session"] = session,
        ["username"] = username,
        ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["msg_type"] = type,
        ["version"] = ProtocolVersion,
    };

    private static byte[] Bytes(JsonObject o) => JsonSerializer.SerializeToUtf8Bytes(o, Compact);

    private static JsonObject Object(byte[] bytes, string part)
    {
        try
        {
            return JsonNode.Parse(bytes) as JsonObject
                ?? throw new InvalidMessageException($"{part} is not a JSON object");
        }
        catch (JsonException e) { throw new InvalidMessageException($"{part} is not JSON: {e.Message}"); }
    }
}
