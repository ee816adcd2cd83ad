using System.Security.Cryptography;
using OpdReception.Data;

namespace OpdReception.Tests.Platform;

/// <summary>The encrypted backup format: whole files come back byte for byte; any change to a file refuses it.</summary>
public sealed class BackupCipherTests
{
    private const int Chunk = 64;

    private static readonly BackupKey.Given Key = new(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Chunk - 1)]
    [InlineData(Chunk)]
    [InlineData(Chunk + 1)]
    [InlineData(3 * Chunk)]
    [InlineData(10_000)]
    public void A_sealed_file_of_any_length_opens_to_the_same_bytes(int length)
    {
        var plain = RandomNumberGenerator.GetBytes(length);

        var opened = Open(Seal(plain), Key);

        Assert.IsType<BackupDecryption.Decrypted>(opened.Result);
        Assert.Equal(plain, opened.Bytes);
    }

    public static TheoryData<string, Func<byte[], byte[]>> Tamperings => new()
    {
        { "the last chunk cut off", s => s[..^(Chunk + 16)] },
        { "cut mid-chunk", s => s[..^10] },
        { "a chunk appended", s => [.. s, .. s[^(Chunk + 16)..]] },
        { "two chunks swapped", s => [.. s[..44], .. s[(44 + Chunk + 16)..(44 + 2 * (Chunk + 16))], .. s[44..(44 + Chunk + 16)], .. s[(44 + 2 * (Chunk + 16))..]] },
        { "one bit of the data flipped", s => Flip(s, 100) },
        { "one bit of the salt flipped", s => Flip(s, 20) },
        { "the chunk size in the header changed", s => Flip(s, 11) },
        { "only the header left", s => s[..44] },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void A_changed_file_is_refused_rather_than_partly_restored(string change, Func<byte[], byte[]> tamper)
    {
        var sealedBytes = Seal(RandomNumberGenerator.GetBytes(5 * Chunk + 7));

        var opened = Open(tamper(sealedBytes), Key);

        Assert.True(opened.Result is BackupDecryption.Refused, change);
    }

    [Fact]
    public void Another_key_is_refused_naming_the_key_variable()
    {
        var opened = Open(Seal(RandomNumberGenerator.GetBytes(300)), new BackupKey.Given(RandomNumberGenerator.GetBytes(32)));

        var refused = Assert.IsType<BackupDecryption.Refused>(opened.Result);
        Assert.Contains("OPD_BACKUP_KEY is not the key", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_backup_sealed_twice_shares_no_ciphertext()
    {
        var plain = new byte[3 * Chunk];

        Assert.NotEqual(Seal(plain)[44..], Seal(plain)[44..]);
    }

    [Theory]
    [InlineData(null, typeof(BackupKey.NotSet))]
    [InlineData("  ", typeof(BackupKey.NotSet))]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", typeof(BackupKey.Given))]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", typeof(BackupKey.Invalid))]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", typeof(BackupKey.Invalid))]
    [InlineData("correct horse battery staple", typeof(BackupKey.Invalid))]
    public void The_key_is_32_bytes_in_base64_and_nothing_else(string? text, Type expected)
    {
        Assert.IsType(expected, BackupKey.Parse(text));
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 1;
        return copy;
    }

    private static byte[] Seal(byte[] plain)
    {
        using var output = new MemoryStream();
        BackupCipher.Encrypt(new MemoryStream(plain), output, Key, Chunk);
        return output.ToArray();
    }

    private static (BackupDecryption Result, byte[] Bytes) Open(byte[] sealedBytes, BackupKey.Given key)
    {
        using var output = new MemoryStream();
        var result = BackupCipher.Decrypt(new MemoryStream(sealedBytes), output, key);
        return (result, output.ToArray());
    }
}
