namespace OpdReception.Components.Pages.Reception;

public sealed record RowRequest(OpdReception.Services.TokenView Token, RowAction Action);
