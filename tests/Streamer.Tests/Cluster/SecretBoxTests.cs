using Streamer.Worker.Cluster;

namespace Streamer.Tests.Cluster;

public sealed class SecretBoxTests
{
    private readonly string key = SecretBox.NewKey();

    [Fact]
    public void Open_WhatWasSealed_GivesTheSecretBack()
    {
        var box = Box(key);

        var sealedText = box.Seal("sales", "s3cr3t-ü");

        Assert.Equal("s3cr3t-ü", box.Open("sales", sealedText));
        Assert.DoesNotContain("s3cr3t", sealedText, StringComparison.Ordinal);
        Assert.StartsWith($"v1.{box.CurrentKeyId}.", sealedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_SameSecretTwice_DifferentTextsFromFreshNonces()
    {
        var box = Box(key);

        Assert.NotEqual(box.Seal("sales", "secret"), box.Seal("sales", "secret"));
    }

    [Fact]
    public void Open_WithAnotherKey_RefusedNamingTheKeyNotTheSecret()
    {
        var sealedText = Box(key).Seal("sales", "secret");

        var error = Assert.Throws<SecretBoxException>(() => Box(SecretBox.NewKey()).Open("sales", sealedText));

        Assert.Contains("neither State:SecretKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TamperedCiphertext_Refused()
    {
        var box = Box(key);
        var parts = box.Seal("sales", "secret").Split('.');
        var data = Convert.FromBase64String(parts[2]);
        data[14] ^= 0x01;

        Assert.Throws<SecretBoxException>(() => box.Open("sales", $"{parts[0]}.{parts[1]}.{Convert.ToBase64String(data)}"));
    }

    [Fact]
    public void Open_SealedForAnotherAccount_Refused()
    {
        var box = Box(key);

        Assert.Throws<SecretBoxException>(() => box.Open("support", box.Seal("sales", "secret")));
    }

    [Fact]
    public void Open_AfterRotation_OldSecretsOpenUnderThePreviousKeyAndNewOnesSealUnderTheNew()
    {
        var old = Box(key).Seal("sales", "old-secret");
        var next = SecretBox.NewKey();
        var rotated = Box(next, key);

        Assert.Equal("old-secret", rotated.Open("sales", old));
        var resealed = rotated.Seal("sales", "old-secret");
        Assert.Contains($".{rotated.CurrentKeyId}.", resealed, StringComparison.Ordinal);
        Assert.Throws<SecretBoxException>(() => Box(key).Open("sales", resealed));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void New_KeyNotThirtyTwoBytesOfBase64_RefusedNamingTheSetting(string bad)
    {
        var error = Assert.Throws<SecretBoxException>(() => Box(bad));

        Assert.Contains("State:SecretKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_NoKey_RefusedSayingWhichSetting()
    {
        var error = Assert.Throws<SecretBoxException>(() => new SecretBox(new SecretKeyOptions()).Seal("sales", "secret"));

        Assert.Contains("State:SecretKey", error.Message, StringComparison.Ordinal);
    }

    private static SecretBox Box(string current, params string[] previous)
    {
        var options = new SecretKeyOptions { SecretKey = current };
        options.PreviousSecretKeys.AddRange(previous);
        return new SecretBox(options);
    }
}
