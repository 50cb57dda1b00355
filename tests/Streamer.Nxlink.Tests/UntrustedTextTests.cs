namespace Streamer.Nxlink.Tests;

public sealed class UntrustedTextTests
{
    [Theory]
    [InlineData("1185539581697126400")]
    [InlineData("空格键 👋🏽 e\u0301")]
    public void Clean_PlainText_ReturnedAsItIs(string text)
    {
        Assert.Same(text, UntrustedText.Clean(text));
    }

    [Theory]
    [InlineData("id\r\nforged", "idforged")]
    [InlineData("a\u001b[2Jb\u0000c\u007f", "a[2Jbc")]
    [InlineData("abc\u202egnp.exe", "abcgnp.exe")]
    [InlineData("x\u2028y\u2029z\tw", "xyzw")]
    public void Clean_ControlAndFormattingCharacters_Dropped(string text, string expected)
    {
        Assert.Equal(expected, UntrustedText.Clean(text));
    }

    [Fact]
    public void Clean_LongText_CutToTheLimitWithAnEllipsis()
    {
        var cleaned = UntrustedText.Clean(new string('a', 1_000));

        Assert.Equal(new string('a', UntrustedText.DefaultMaxLength) + "…", cleaned);
    }

    [Fact]
    public void Clean_CutFallsInsideASurrogatePair_PairNotSplit()
    {
        var cleaned = UntrustedText.Clean(new string('a', 9) + "😀😀", maxLength: 10);

        Assert.Equal(new string('a', 9) + "…", cleaned);
    }

    [Fact]
    public void Clean_Null_SaysNone()
    {
        Assert.Equal("(none)", UntrustedText.Clean(null));
    }
}
