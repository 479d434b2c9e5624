using TreatyBot.Anniversaries;

namespace TreatyBot.Tests.Anniversaries;

/// <summary>The local date and the instant a post is due, in zones with and without daylight saving.</summary>
public sealed class PostScheduleTests
{
    private static TimeZoneInfo Zone(string name) => TimeZones.Find(name) ?? throw new InvalidOperationException($"{name} is not in the tz database");

    [Theory]
    [InlineData("Asia/Tokyo", "2027-01-19T15:30:00Z", "2027-01-20")]
    [InlineData("Asia/Tokyo", "2027-01-19T14:59:59Z", "2027-01-19")]
    [InlineData("Europe/Moscow", "2027-01-19T21:00:00Z", "2027-01-20")]
    [InlineData("America/New_York", "2027-01-20T04:59:00Z", "2027-01-19")]
    [InlineData("UTC", "2027-01-20T00:00:00Z", "2027-01-20")]
    public void LocalDate_IsTheDateInTheZone_NotInUtc(string zone, string now, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PostSchedule.LocalDate(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Zone(zone)));
    }

    [Fact]
    public void DueAt_ZoneWithDaylightSaving_FollowsTheLocalClockInWinterAndSummer()
    {
        var newYork = Zone("America/New_York");

        Assert.Equal(DateTimeOffset.Parse("2027-01-20T14:30:00Z", System.Globalization.CultureInfo.InvariantCulture), PostSchedule.DueAt(new DateOnly(2027, 1, 20), new TimeOnly(9, 30), newYork));
        Assert.Equal(DateTimeOffset.Parse("2027-05-14T13:30:00Z", System.Globalization.CultureInfo.InvariantCulture), PostSchedule.DueAt(new DateOnly(2027, 5, 14), new TimeOnly(9, 30), newYork));
    }

    [Fact]
    public void DueAt_MoscowAndTokyo_HaveNoDaylightSaving()
    {
        Assert.Equal(new DateTimeOffset(2027, 1, 20, 7, 0, 0, TimeSpan.Zero), PostSchedule.DueAt(new DateOnly(2027, 1, 20), new TimeOnly(10, 0), Zone("Europe/Moscow")));
        Assert.Equal(new DateTimeOffset(2027, 7, 20, 7, 0, 0, TimeSpan.Zero), PostSchedule.DueAt(new DateOnly(2027, 7, 20), new TimeOnly(10, 0), Zone("Europe/Moscow")));
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 22, 15, 0, TimeSpan.Zero), PostSchedule.DueAt(new DateOnly(2027, 3, 30), new TimeOnly(7, 15), Zone("Asia/Tokyo")));
    }

    [Fact]
    public void DueAt_TimeTheClockJumpsOver_IsPostedAtTheFirstTimeAfterTheJump()
    {
        // 14 March 2027 in New York: 02:00 EST becomes 03:00 EDT, so 02:30 never happens; 03:00 EDT is 07:00 UTC.
        var due = PostSchedule.DueAt(new DateOnly(2027, 3, 14), new TimeOnly(2, 30), Zone("America/New_York"));

        Assert.Equal(new DateTimeOffset(2027, 3, 14, 7, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void DueAt_TimeTheClockGoesThroughTwice_IsTheFirstOfThem()
    {
        // 7 November 2027 in New York: 01:30 happens in EDT (05:30 UTC), then again in EST (06:30 UTC).
        var due = PostSchedule.DueAt(new DateOnly(2027, 11, 7), new TimeOnly(1, 30), Zone("America/New_York"));

        Assert.Equal(new DateTimeOffset(2027, 11, 7, 5, 30, 0, TimeSpan.Zero), due);
    }

    [Theory]
    [InlineData("", "10:00", "Europe/Moscow")]
    [InlineData("09:00 Asia/Tokyo", "09:00", "Asia/Tokyo")]
    [InlineData("Asia/Tokyo 9:05", "09:05", "Asia/Tokyo")]
    [InlineData("23:45", "23:45", "Europe/Moscow")]
    [InlineData("America/New_York", "10:00", "America/New_York")]
    [InlineData("UTC", "10:00", "UTC")]
    public void SubscribeRequest_TimeAndZoneInEitherOrder_DefaultsForWhatIsLeftOut(string argument, string at, string zone)
    {
        var request = SubscribeRequest.Parse(argument);

        Assert.NotNull(request);
        Assert.Equal(TimeOnly.Parse(at, System.Globalization.CultureInfo.InvariantCulture), request.At);
        Assert.Equal(zone, request.Zone);
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("10:00 11:00")]
    [InlineData("tomorrow")]
    [InlineData("10:00 Europe/Moscow extra")]
    public void SubscribeRequest_NotATimeOrZone_IsRefused(string argument)
    {
        Assert.Null(SubscribeRequest.Parse(argument));
    }

    [Theory]
    [InlineData("Asia/Tokyo")]
    [InlineData("asia/tokyo")]
    [InlineData("Europe/Moscow")]
    [InlineData("America/Argentina/Buenos_Aires")]
    public void TimeZones_IanaNames_AreFoundWithInvariantGlobalization(string name)
    {
        Assert.NotNull(TimeZones.Find(name));
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    public void TimeZones_UnknownNames_AreNotFound(string name)
    {
        Assert.Null(TimeZones.Find(name));
    }
}
