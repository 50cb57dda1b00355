using System.Security.Cryptography;
using System.Text;

namespace Streamer.Worker.Cluster;

/// <summary>
/// Encrypts account secrets at rest with AES-256-GCM: a random 12-byte nonce per secret, a 16-byte tag, and the
/// account's name as associated data (a secret copied to another account's row does not open). The sealed text is
/// <c>v1.{key id}.{base64 of nonce, ciphertext and tag}</c>; the key id (the first 8 bytes of the key's SHA-256, in
/// hex) says which key opens it, so <c>State:SecretKey</c> can rotate while older secrets are still read.
/// </summary>
public sealed class SecretBox
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly (string Id, byte[] Key)? current;
    private readonly Dictionary<string, byte[]> keys = new(StringComparer.Ordinal);

    /// <summary>A box with <paramref name="options"/>' keys; throws <see cref="SecretBoxException"/> for a key that is not base64 of 32 bytes.</summary>
    public SecretBox(SecretKeyOptions options)
    {
        foreach (var (text, setting) in options.PreviousSecretKeys.Select((k, i) => (k, $"State:PreviousSecretKeys:{i}")))
        {
            var key = Parse(text, setting);
            keys[IdOf(key)] = key;
        }

        if (!string.IsNullOrEmpty(options.SecretKey))
        {
            var key = Parse(options.SecretKey, "State:SecretKey");
            current = (IdOf(key), key);
            keys[current.Value.Id] = key;
        }
    }

    /// <summary>The id of the current key, or null without one.</summary>
    public string? CurrentKeyId => current?.Id;

    /// <summary>A new random key, base64 (for <c>State:SecretKey</c>).</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Seals <paramref name="secret"/> of <paramref name="account"/> under the current key.</summary>
    public string Seal(string account, string secret)
    {
        if (current is not { } key)
        {
            throw new SecretBoxException("State:SecretKey is not set: account secrets are stored encrypted under it (streamer accounts key prints a new one).");
        }

        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(account));
        CryptographicOperations.ZeroMemory(plain);
        return $"{Version}.{key.Id}.{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>Opens what <see cref="Seal"/> made for <paramref name="account"/>, under whichever known key it names.</summary>
    public string Open(string account, string sealedText)
    {
        var parts = sealedText.Split('.');
        if (parts is not [Version, var id, var body])
        {
            throw new SecretBoxException($"The stored secret of account {account} is not in the form {Version}.<key id>.<data>.");
        }

        if (!keys.TryGetValue(id, out var key))
        {
            throw new SecretBoxException($"The stored secret of account {account} is sealed under key {id}, which is neither State:SecretKey nor one of State:PreviousSecretKeys.");
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(body);
        }
        catch (FormatException)
        {
            throw new SecretBoxException($"The stored secret of account {account} is not valid base64.");
        }

        if (data.Length < NonceSize + TagSize)
        {
            throw new SecretBoxException($"The stored secret of account {account} is too short to be sealed.");
        }

        var plain = new byte[data.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, plain.Length), data.AsSpan(NonceSize + plain.Length), plain, Encoding.UTF8.GetBytes(account));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretBoxException($"The stored secret of account {account} does not open under key {id}: it was altered, or sealed for another account or under another key with that id.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>
    /// Why <paramref name="text"/> is not a key, naming <paramref name="setting"/> and never the key; null when it is one.
    /// </summary>
    public static string? KeyProblem(string text, string setting)
    {
        var (key, problem) = Decode(text, setting);
        if (key is not null)
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return problem;
    }

    private static byte[] Parse(string text, string setting)
    {
        var (key, problem) = Decode(text, setting);
        return key ?? throw new SecretBoxException(problem!);
    }

    private static (byte[]? Key, string? Problem) Decode(string text, string setting)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return (null, $"{setting} must be base64 of 32 random bytes (streamer accounts key prints one).");
        }

        return key.Length == 32 ? (key, null) : (null, $"{setting} must be 32 bytes (256 bits); it is {key.Length}.");
    }

    private static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
}
