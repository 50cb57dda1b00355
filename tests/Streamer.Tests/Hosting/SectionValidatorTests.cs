using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streamer.Worker.Configuration;
using Streamer.Worker.Hosting;
using Streamer.Worker.Publishing;

namespace Streamer.Tests.Hosting;

public sealed class SectionValidatorTests
{
    [Fact]
    public void ValidateWith_SettingOutOfRange_FailureNamesItsSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Polling:Interval"] = "00:00:00" }).Build();
        var services = new ServiceCollection();
        services.AddOptions<PollingOptions>()
            .Bind(configuration.GetSection(PollingOptions.SectionName))
            .ValidateWith<PollingOptions, PollingOptionsValidator>(PollingOptions.SectionName);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PollingOptions>>().Value);

        var failure = Assert.Single(ex.Failures);
        Assert.StartsWith("Polling:Interval: ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RuleMessageNamingItsSetting_KeptAsItIs()
    {
        var options = new RabbitOptions { DeclareQueues = [SubscriberQueueOptions.FromName("crm"), SubscriberQueueOptions.FromName("crm")] };
        var validator = new SectionValidator<RabbitOptions>(RabbitOptions.SectionName, new RabbitOptionsValidator());

        var result = validator.Validate(Options.DefaultName, options);

        Assert.Equal(["Rabbit:DeclareQueues: the queue 'crm' is listed more than once."], result.Failures);
    }

    [Fact]
    public void Validate_ValidOptions_Succeeds()
    {
        var validator = new SectionValidator<PollingOptions>(PollingOptions.SectionName, new PollingOptionsValidator());

        Assert.Same(ValidateOptionsResult.Success, validator.Validate(Options.DefaultName, new PollingOptions()));
    }
}
