<?php

return [
    'BILL-1001' => 'The card was declined.',
    'BILL-1002' => 'The card has expired.',
    'BILL-1003' => 'The amount exceeds the limit.',
    'BILL-1004' => 'The card number is invalid.',
    'BILL-1005' => 'The currency is not supported.',
    'BILL-1006' => 'The invoice was already paid.',
];
