namespace TreatyBot.Cli;

/// <summary>
/// <c>health [URL]</c>: a container health check that needs no curl in the image. Exit 0 when the URL answers 2xx
/// within 5 s, 1 otherwise.
/// </summary>
internal static class HealthProbe
{
    public const string DefaultUrl = "http://127.0.0.1:8080/healthz";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (!Uri.TryCreate(args.FirstOrDefault() ?? DefaultUrl, UriKind.Absolute, out var url))
        {
            error.WriteLine("Usage: TreatyBot health [http://127.0.0.1:8080/healthz]");
            return 2;
        }

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
