using System.Security.Cryptography;
using System.Text;

namespace NotebookNet.Runner.Kernel;

/// <summary>
/// Jupyter's message signature: the lower-case hex HMAC-SHA256, under the connection file's key, of the four
/// serialised parts (header, parent header, metadata, content) in that order. An empty key signs nothing
/// (signature <c>""</c>) and accepts only unsigned messages.
/// </summary>
public sealed class MessageSigner(string key)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    /// <summary>Whether messages are signed (the key is not empty).</summary>
    public bool IsSigning => _key.Length > 0;

    /// <summary>The signature of the four parts.</summary>
    public string Sign(IReadOnlyList<byte[]> parts)
    {
        if (!IsSigning) return "";
        return Convert.ToHexStringLower(Mac(parts));
    }

    /// <summary>True when <paramref name="signature"/> (hex) is the parts' signature (compared in constant
    /// time).</summary>
    public bool Verify(string signature, IReadOnlyList<byte[]> parts)
    {
        if (!IsSigning) return signature.Length == 0;
        if (signature.Length != 64) return false;
        byte[] given;
        try { given = Convert.FromHexString(signature); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(given, Mac(parts));
    }

    private byte[] Mac(IReadOnlyList<byte[]> parts)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        foreach (var part in parts) hmac.AppendData(part);
        return hmac.GetHashAndReset();
    }
}
