namespace TreatyBot.Storage;

/// <summary>The store cannot be used at all (the folder is not writable, the file is from a newer version): one line for the operator.</summary>
internal sealed class StoreException : Exception
{
    public StoreException()
    {
    }

    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
