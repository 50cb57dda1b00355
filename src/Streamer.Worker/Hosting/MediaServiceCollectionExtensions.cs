using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streamer.Worker.Media;
using Streamer.Worker.State;
using Streamer.Worker.State.Postgres;

namespace Streamer.Worker.Hosting;

/// <summary>Registers the media archive (<c>MediaArchive</c>).</summary>
public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// Media archiving (<c>MediaArchive</c>): the download queue in the state file, the file system content
    /// store (register another <see cref="IContentStore"/> before this call to replace it) and the archiver.
    /// </summary>
    public static IServiceCollection AddStreamerMediaArchive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaArchiveOptions>()
            .Bind(configuration.GetSection(MediaArchiveOptions.SectionName))
            .ValidateWith<MediaArchiveOptions, MediaArchiveOptionsValidator>(MediaArchiveOptions.SectionName)
            .Validate(
                o => o.EffectiveAllowedContentTypes.All(t => t.Split('/') is [{ Length: > 0 }, { Length: > 0 }]),
                "MediaArchive:AllowedContentTypes: each entry must look like type/subtype or type/*.")
            .Validate(
                o => o.AllowedHosts.All(h => Uri.CheckHostName(h.StartsWith("*.", StringComparison.Ordinal) ? h[2..] : h) != UriHostNameType.Unknown),
                "MediaArchive:AllowedHosts: each entry must be a host name (media.example.com), a suffix (*.example.com) or an IP address.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StreamerMetrics>();
        services.TryAddSingleton<IContentStore, FileSystemContentStore>();
        if (!PostgresStateRegistration.IsChosen(configuration))
        {
            services.AddSingleton(SqliteMediaJobSchema.Migration);
            services.AddSingleton<SqliteMediaJobStore>();
            services.AddSingleton<IMediaJobStore>(sp => sp.GetRequiredService<SqliteMediaJobStore>());
            services.AddSingleton<ISqliteCommitParticipant>(sp => sp.GetRequiredService<SqliteMediaJobStore>());
        }

        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.TryAddSingleton<ISocketConnector, TcpSocketConnector>();
        services.TryAddSingleton<MediaConnectionFilter>();
        services.TryAddSingleton<MediaDiskPause>();
        services.AddHttpClient(nameof(MediaDownloader), http => http.Timeout = Timeout.InfiniteTimeSpan)

        // Every connection (redirect hops included) goes through the address filter.
        .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<MediaConnectionFilter>().CreateHandler())

        // The links are credentials: HttpClient's own logging would print them.
        .RemoveAllLoggers()

        // Made by hand: the reflection-built factory compiled an expression tree on the start path.
        .AddTypedClient((http, sp) => new MediaDownloader(
            http,
            sp.GetRequiredService<IOptions<MediaArchiveOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<StreamerMetrics>(),
            sp.GetRequiredService<ILogger<MediaDownloader>>()));
        services.TryAddSingleton<MediaOutcomePublisher>();
        services.TryAddSingleton<MediaDownloadRounds>();
        services.TryAddSingleton<MediaJobRunner>();

        // Only when archiving is on: the host constructs every hosted service (here the media HTTP client, its
        // address filter and download pipeline) before the first starts, on the path to the first request. An
        // unreadable value is the options validation's to report.
        if (bool.TryParse(configuration[$"{MediaArchiveOptions.SectionName}:{nameof(MediaArchiveOptions.Enabled)}"], out var enabled) && enabled)
        {
            services.AddHostedService<MediaArchiver>();
        }

        return services;
    }
}
