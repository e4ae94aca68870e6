namespace OpenClaw.Actors.AzureBlob.Client;

/// <summary>The <c>x-ms-error-code</c> values this project reacts to (Blob service REST reference).</summary>
public static class BlobErrorCodes
{
    public const string ConditionNotMet = "ConditionNotMet";
    public const string BlobAlreadyExists = "BlobAlreadyExists";
    public const string BlobNotFound = "BlobNotFound";
    public const string ContainerAlreadyExists = "ContainerAlreadyExists";
    public const string ContainerNotFound = "ContainerNotFound";
    public const string AppendPositionConditionNotMet = "AppendPositionConditionNotMet";
    public const string BlockCountExceedsLimit = "BlockCountExceedsLimit";
    public const string LeaseAlreadyPresent = "LeaseAlreadyPresent";
    public const string LeaseIdMismatchWithLeaseOperation = "LeaseIdMismatchWithLeaseOperation";
    public const string LeaseIsBrokenAndCannotBeRenewed = "LeaseIsBrokenAndCannotBeRenewed";
    public const string LeaseNotPresentWithLeaseOperation = "LeaseNotPresentWithLeaseOperation";
    public const string LeaseIdMissing = "LeaseIdMissing";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string AuthorizationFailure = "AuthorizationFailure";
}
