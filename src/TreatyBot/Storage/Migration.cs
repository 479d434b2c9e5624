namespace TreatyBot.Storage;

/// <summary>One step of the database schema: its SQL runs once, in a transaction that also sets the file's version.</summary>
/// <param name="Version">The schema version this step brings the file to: 1, 2, 3… with no gap.</param>
/// <param name="Name">What the step adds, for the log.</param>
/// <param name="Sql">The statements; plain <c>CREATE TABLE</c> (without <c>IF NOT EXISTS</c>), so that a step run twice fails loudly.</param>
internal sealed record Migration(int Version, string Name, string Sql);
