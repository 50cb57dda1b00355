using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

public sealed class DiskFullTests
{
    [UnixFact]
    public void Is_WriteToAFullDevice_Recognized()
    {
        // /dev/full answers every write with ENOSPC, as a full disk does.
        var error = Assert.ThrowsAny<IOException>(() =>
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            full.Write(new byte[4096]);
        });

        Assert.True(DiskFull.Is(error));
        Assert.True(DiskFull.Is(new HttpRequestException("wrapped", error)));
    }

    [Fact]
    public void Is_OtherIOErrors_NotRecognized()
    {
        Assert.False(DiskFull.Is(new IOException("The device is not ready.")));
        Assert.False(DiskFull.Is(new FileNotFoundException("gone", "x")));
        Assert.False(DiskFull.Is(new InvalidOperationException("No space left on device")));
        Assert.False(DiskFull.Is(null));
    }
}
