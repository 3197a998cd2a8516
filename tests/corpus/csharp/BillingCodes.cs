namespace Shop.Billing
{
    public static class BillingCodes
    {
        public const string CardDeclined = "BILL-1001";
        public const string CardExpired = "BILL-1002";
        public const string OverLimit = "BILL-1003";
        public const string InvalidNumber = "BILL-1004";
        public const string UnsupportedCurrency = "BILL-1005";
        public const string AlreadyPaid = "BILL-1006";
    }
}
