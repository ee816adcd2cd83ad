using System.Runtime.CompilerServices;

namespace OpdReception.Tests.Support;

internal static class BunitWaits
{
    /// <summary>
    /// bUnit's one-second default fails component tests on a loaded 2-core CI machine although nothing is wrong;
    /// a generous wait only costs time when a test is failing anyway.
    /// </summary>
    [ModuleInitializer]
    internal static void Lengthen() => Bunit.BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
}
