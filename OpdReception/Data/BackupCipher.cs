using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpdReception.Data;

/// <summary>
/// An encrypted backup: AES-256-GCM over fixed-size chunks, so a backup of any size streams through a small buffer.
/// Layout: "OPDBAK", version 1, a reserved byte, the chunk size (4 bytes, big-endian) and a 32-byte random salt; then
/// each chunk's ciphertext followed by its 16-byte tag. Each file gets its own key, HKDF-SHA256 of OPD_BACKUP_KEY with
/// the salt, so chunk numbers can serve as nonces. The nonce also marks the last chunk, and every chunk authenticates
/// the header, so a file cut short, lengthened, reordered or given another header fails to decrypt rather than
/// restoring part of a day.
/// </summary>
public static class BackupCipher
{
    public const string KeyVariable = "OPD_BACKUP_KEY";

    public const string Extension = ".enc";

    public const int DefaultChunkBytes = 1 << 20;

    private const byte Version = 1;
    private const int SaltBytes = 32;
    private const int TagBytes = 16;
    private const int NonceBytes = 12;
    private const int HeaderBytes = 12 + SaltBytes;
    private const int LargestChunk = 64 << 20;

    private static ReadOnlySpan<byte> Magic => "OPDBAK"u8;

    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("OpdReception backup v1");

    /// <summary>Whether <paramref name="file"/> starts like an encrypted backup (then only a key opens it).</summary>
    public static bool IsEncrypted(string file)
    {
        using var stream = File.OpenRead(file);
        Span<byte> start = stackalloc byte[6];
        return stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.SequenceEqual(Magic);
    }

    public static void Encrypt(Stream plain, Stream sealedOutput, BackupKey.Given key, int chunkBytes = DefaultChunkBytes)
    {
        var header = new byte[HeaderBytes];
        Magic.CopyTo(header);
        header[6] = Version;
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), chunkBytes);
        RandomNumberGenerator.Fill(header.AsSpan(12, SaltBytes));
        sealedOutput.Write(header);

        using var aes = new AesGcm(FileKey(key, header), TagBytes);
        var buffer = new byte[chunkBytes];
        var cipher = new byte[chunkBytes];
        Span<byte> tag = stackalloc byte[TagBytes];
        Span<byte> nonce = stackalloc byte[NonceBytes];
        var remaining = plain.Length - plain.Position;
        long index = 0;
        do
        {
            var size = (int)Math.Min(chunkBytes, remaining);
            plain.ReadExactly(buffer, 0, size);
            remaining -= size;
            Nonce(nonce, index++, last: remaining == 0);
            aes.Encrypt(nonce, buffer.AsSpan(0, size), cipher.AsSpan(0, size), tag, header);
            sealedOutput.Write(cipher, 0, size);
            sealedOutput.Write(tag);
        }
        while (remaining > 0);
    }

    public static BackupDecryption Decrypt(Stream sealedInput, Stream plain, BackupKey.Given key)
    {
        var header = new byte[HeaderBytes];
        if (sealedInput.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return new BackupDecryption.Refused("it is not an encrypted OpdReception backup");
        }

        if (header[6] != Version)
        {
            return new BackupDecryption.Refused($"it is in backup format {header[6]}, which this version of the app does not read");
        }

        var chunkBytes = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8));
        if (chunkBytes is < 1 or > LargestChunk)
        {
            return new BackupDecryption.Refused("its header is damaged");
        }

        using var aes = new AesGcm(FileKey(key, header), TagBytes);
        var cipher = new byte[chunkBytes + TagBytes];
        var buffer = new byte[chunkBytes];
        Span<byte> nonce = stackalloc byte[NonceBytes];
        var remaining = sealedInput.Length - sealedInput.Position;
        long index = 0;
        do
        {
            var size = (int)Math.Min(chunkBytes + TagBytes, remaining);
            if (size < TagBytes)
            {
                return new BackupDecryption.Refused("it is cut short");
            }

            sealedInput.ReadExactly(cipher, 0, size);
            remaining -= size;
            Nonce(nonce, index++, last: remaining == 0);
            var text = size - TagBytes;
            try
            {
                aes.Decrypt(nonce, cipher.AsSpan(0, text), cipher.AsSpan(text, TagBytes), buffer.AsSpan(0, text), header);
            }
            catch (AuthenticationTagMismatchException)
            {
                return new BackupDecryption.Refused($"{KeyVariable} is not the key it was made with, or the file is damaged");
            }

            plain.Write(buffer, 0, text);
        }
        while (remaining > 0);

        return new BackupDecryption.Decrypted();
    }

    private static byte[] FileKey(BackupKey.Given key, byte[] header) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Bytes, 32, salt: header.AsSpan(12, SaltBytes).ToArray(), info: Purpose);

    private static void Nonce(Span<byte> nonce, long index, bool last)
    {
        BinaryPrimitives.WriteInt64BigEndian(nonce, index);
        BinaryPrimitives.WriteInt32BigEndian(nonce[8..], last ? 1 : 0);
    }
}

public abstract record BackupDecryption
{
    private BackupDecryption()
    {
    }

    public sealed record Decrypted : BackupDecryption;

    public sealed record Refused(string Reason) : BackupDecryption;
}

/// <summary>OPD_BACKUP_KEY: base64 of 32 random bytes (`openssl rand -base64 32`), not a passphrase.</summary>
public abstract record BackupKey
{
    private BackupKey()
    {
    }

    public sealed record Given(byte[] Bytes) : BackupKey;

    public sealed record NotSet : BackupKey;

    public sealed record Invalid(string Reason) : BackupKey;

    public static BackupKey Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new NotSet();
        }

        var bytes = new byte[64];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var length) && length == 32
            ? new Given(bytes[..32])
            : new Invalid($"{BackupCipher.KeyVariable} must be 32 random bytes in base64 (make one with: openssl rand -base64 32); nothing was changed.");
    }

    public static BackupKey FromEnvironment() => Parse(Environment.GetEnvironmentVariable(BackupCipher.KeyVariable));
}
