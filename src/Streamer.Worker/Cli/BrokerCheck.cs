using System.Net.Sockets;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Streamer.Worker.Publishing;

namespace Streamer.Worker.Cli;

/// <summary>Connects to the broker of <c>Rabbit:Uri</c> once and says what is wrong when it cannot.</summary>
internal static class BrokerCheck
{
    public static async Task<CheckResult> RunAsync(string uri, CancellationToken cancellationToken)
    {
        var address = AmqpAddress.Parse(uri);
        var subject = $"broker {address}";
        var factory = address.CreateConnectionFactory("streamer-check");
        factory.RequestedConnectionTimeout = TimeSpan.FromSeconds(10);
        factory.AutomaticRecoveryEnabled = false;

        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);

            // A refused virtual host closes the connection right after it opened: a channel proves it is usable.
            await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
            }

            var version = connection.ServerProperties?.TryGetValue("version", out var value) == true && value is byte[] bytes ? $" (RabbitMQ {Encoding.UTF8.GetString(bytes)})" : string.Empty;
            await connection.CloseAsync(cancellationToken).ConfigureAwait(false);
            return new CheckResult(true, subject, $"connected as {address.UserName}{version}.");
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException or IOException or SocketException or TimeoutException)
        {
            return new CheckResult(false, subject, Explain(ex, address));
        }
    }

    private static string Explain(Exception error, AmqpAddress address)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AuthenticationFailureException:
                    return $"the broker refused user '{address.UserName}' or its password. Fix: check the credentials in Rabbit:Uri (amqp://user:password@host:port/vhost).";
                case OperationInterruptedException { ShutdownReason.ReplyCode: 530 }:
                    return $"the broker refused virtual host '{address.VirtualHost}' (missing, or '{address.UserName}' may not use it). Fix: create it or grant access, or correct the path of Rabbit:Uri.";
                case OperationInterruptedException { ShutdownReason.ReplyCode: 403 }:
                    return $"the broker refused access for '{address.UserName}'. Fix: check the user's permissions on virtual host '{address.VirtualHost}'.";
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return $"nothing listens on {address.Host}:{address.Port}. Fix: start RabbitMQ, or correct the host and port of Rabbit:Uri.";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return $"host '{address.Host}' is unknown. Fix: correct the host of Rabbit:Uri.";
                case TimeoutException or SocketException { SocketErrorCode: SocketError.TimedOut }:
                    return $"no answer from {address.Host}:{address.Port} within 10 s. Fix: check the host, the port and any firewall between here and the broker.";
            }
        }

        return $"cannot connect ({Innermost(error).Message}). Fix: check Rabbit:Uri and that the broker runs.";
    }

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is not null)
        {
            error = error.InnerException;
        }

        return error;
    }
}
