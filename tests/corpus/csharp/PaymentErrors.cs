using System;

namespace Shop.Billing
{
    public sealed class PaymentErrors
    {
        public static string Explain(string code) => code switch
        {
            BillingCodes.CardDeclined => "The bank declined the card.",
            BillingCodes.CardExpired => "The card has expired.",
            BillingCodes.OverLimit => "The amount is over the card's limit.",
            BillingCodes.InvalidNumber => "Check the card number.",
            BillingCodes.AlreadyPaid => "This invoice is already paid.",
            _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
        };
    }
}
