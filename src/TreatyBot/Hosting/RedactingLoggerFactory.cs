using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TreatyBot.Hosting;

/// <summary>
/// The second line of defence for the token (the first: no request logging on the Telegram client). Every logger the
/// host hands out — so every provider, console included, whenever it was added — sees log lines, structured values,
/// exceptions and scopes with any token masked by <see cref="TokenRedactor"/>.
/// </summary>
internal static class TokenRedactionExtensions
{
    public static ILoggingBuilder AddTokenRedaction(this ILoggingBuilder logging)
    {
        logging.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));
        return logging;
    }
}

/// <summary>A logger factory whose loggers mask tokens before any provider sees a log line.</summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull =>
            TokenRedactor.ContainsToken(state.ToString()) || Leaks(state) ? inner.BeginScope(TokenRedactor.Redact(state.ToString() ?? "")) : inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            var leakyException = exception is not null && TokenRedactor.ContainsToken(exception.ToString());
            if (!TokenRedactor.ContainsToken(message) && !leakyException && !Leaks(state))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            inner.Log(
                logLevel,
                eventId,
                new RedactedState(TokenRedactor.Redact(message), state as IEnumerable<KeyValuePair<string, object?>>),
                leakyException ? new RedactedException(exception!) : exception,
                static (s, _) => s.Message);
        }

        private static bool Leaks<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values && values.Any(v => TokenRedactor.ContainsToken(Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>A log line's structured values with tokens masked, for providers that write values, not the message.</summary>
    private sealed class RedactedState(string message, IEnumerable<KeyValuePair<string, object?>>? values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] items = [.. (values ?? []).Select(Redact)];

        public string Message { get; } = message;

        public int Count => items.Length;

        public KeyValuePair<string, object?> this[int index] => items[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)items).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;

        private static KeyValuePair<string, object?> Redact(KeyValuePair<string, object?> item) =>
            Convert.ToString(item.Value, System.Globalization.CultureInfo.InvariantCulture) is { } text && TokenRedactor.ContainsToken(text)
                ? new(item.Key, TokenRedactor.Redact(text))
                : item;
    }
}

/// <summary>Stands in for an exception whose text held a token: same message, type name and stack trace, token masked.</summary>
#pragma warning disable CA1032 // Not thrown, only logged in place of the original.
internal sealed class RedactedException(Exception original) : Exception(TokenRedactor.Redact(original.Message))
#pragma warning restore CA1032
{
    private readonly string text = TokenRedactor.Redact(original.ToString());

    public override string? StackTrace => original.StackTrace is { } trace ? TokenRedactor.Redact(trace) : null;

    public override string ToString() => text;
}
