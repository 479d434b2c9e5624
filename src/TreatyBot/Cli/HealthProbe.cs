using System.CommandLine;
using System.CommandLine.Parsing;

namespace TreatyBot.Cli;

/// <summary>
/// <c>health [URL]</c>: a container health check that needs no curl in the image. Exit 0 when the URL answers 2xx
/// within 5 s, 1 otherwise.
/// </summary>
internal static class HealthProbe
{
    public const string DefaultUrl = "http://127.0.0.1:8080/healthz";

    public static Command Declare()
    {
        var url = new Argument<Uri>("URL")
        {
            Description = "the address to ask (http or https)",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => new Uri(DefaultUrl),
            CustomParser = HttpUrl,
        };
        var health = new Command("health", "Exit 0 if URL answers 2xx within 5 s, 1 otherwise: the container health check.") { url };
        health.SetAction(parse => Run(parse.GetRequiredValue(url), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return health;
    }

    private static Uri HttpUrl(ArgumentResult result)
    {
        var text = result.Tokens is [var token] ? token.Value : DefaultUrl;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        result.AddError($"health needs an http or https URL, not '{text}'");
        return new Uri(DefaultUrl);
    }

    private static int Run(Uri url, TextWriter output, TextWriter error)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = http.GetAsync(url).GetAwaiter().GetResult();
            output.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            error.WriteLine($"{url}: {ex.Message}");
            return 1;
        }
    }
}
