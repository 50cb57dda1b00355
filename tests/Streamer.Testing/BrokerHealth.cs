using System.Net.Sockets;
using RabbitMQ.Client;

namespace Streamer.Testing;

/// <summary>Polls a broker until it answers (or stops answering) after a start, stop or install.</summary>
internal static class BrokerHealth
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Waits until a client can open a connection and a channel at <paramref name="amqpUri"/> (its virtual
    /// host included). Opening the connection alone is not proof: RabbitMQ.Client 7 returns from
    /// CreateConnectionAsync before a refusal of the virtual host (530 NOT_ALLOWED) reaches it.
    /// </summary>
    public static Task WaitUntilAmqpAnswersAsync(Uri amqpUri, TimeSpan timeout) =>
        PollAsync(
            async ct => await TryOpenChannelAsync(amqpUri, ct) is null,
            timeout,
            $"the broker at {amqpUri.Host}:{amqpUri.Port} did not accept an AMQP connection to virtual host '{RabbitMqBroker.VirtualHostOf(amqpUri)}'");

    /// <summary>Waits until opening a connection and a channel at <paramref name="amqpUri"/> fails, however it fails.</summary>
    public static Task WaitUntilVirtualHostRefusesAsync(Uri amqpUri, TimeSpan timeout) =>
        PollAsync(
            async ct => await TryOpenChannelAsync(amqpUri, ct) is not null,
            timeout,
            $"virtual host '{RabbitMqBroker.VirtualHostOf(amqpUri)}' still accepts connections");

    /// <summary>Opens a connection and a channel and closes them; returns why that failed, or null when it worked.</summary>
    public static async Task<Exception?> TryOpenChannelAsync(Uri amqpUri, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = amqpUri,
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken))
            {
                await channel.CloseAsync(cancellationToken);
            }

            await connection.CloseAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ex;
        }
    }

    public static Task WaitUntilAmqpRefusesAsync(Uri amqpUri, TimeSpan timeout) =>
        PollAsync(
            async ct =>
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(amqpUri.Host, amqpUri.Port, ct);
                    return false;
                }
                catch (SocketException)
                {
                    return true;
                }
            },
            timeout,
            $"the broker at {amqpUri.Host}:{amqpUri.Port} still accepts connections");

    public static async Task WaitUntilManagementAnswersAsync(BrokerEndpoint endpoint, TimeSpan timeout)
    {
        using var api = new ManagementApi(endpoint.ManagementUri, endpoint.UserName, endpoint.Password);
        await PollAsync(
            api.AnswersAsync,
            timeout,
            $"the RabbitMQ management API at {endpoint.ManagementUri} did not answer");
    }

    private static async Task PollAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string failure)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (!await condition(cts.Token))
            {
                await Task.Delay(PollInterval, cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"{failure} within {timeout.TotalSeconds:0} s.");
        }
    }
}
