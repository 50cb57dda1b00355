using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Streamer.Worker.Hosting;

namespace Streamer.Tests.Hosting;

public sealed class LogFormatTests
{
    [Theory]
    [InlineData("json", "json")]
    [InlineData("JSON", "json")]
    [InlineData("simple", "simple")]
    public void CreateBuilder_Format_PicksTheConsoleFormatter(string format, string formatter)
    {
        using var host = StreamerHost.CreateBuilder([$"--Logging:Format={format}", "--Logging:Console:FormatterName=systemd"]).Build();

        Assert.Equal(formatter, host.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
        Assert.Equal(format, host.Services.GetRequiredService<IOptions<LogFormatOptions>>().Value.Format);
    }

    [Fact]
    public void CreateBuilder_Json_UtcTimestampsUnlessConfigured()
    {
        using var json = StreamerHost.CreateBuilder(["--Logging:Format=json"]).Build();
        using var local = StreamerHost.CreateBuilder(["--Logging:Format=json", "--Logging:Console:FormatterOptions:UseUtcTimestamp=false", "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm"]).Build();

        var options = json.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        var configured = local.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;

        Assert.True(options.UseUtcTimestamp);
        Assert.Equal("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", options.TimestampFormat);
        Assert.False(configured.UseUtcTimestamp);
        Assert.Equal("HH:mm", configured.TimestampFormat);
    }

    [Fact]
    public void CreateBuilder_NoFormat_ConsoleSettingsStayInCharge()
    {
        using var host = StreamerHost.CreateBuilder(["--Logging:Console:FormatterName=systemd"]).Build();

        Assert.Equal("systemd", host.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
    }

    [Fact]
    public void CreateBuilder_UnknownFormat_FailsValidation()
    {
        using var host = StreamerHost.CreateBuilder(["--Logging:Format=xml"]).Build();

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<LogFormatOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("Logging:Format must be simple or json.", StringComparison.Ordinal));
    }
}
