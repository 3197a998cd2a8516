<?php

// Error codes in gateway answers; placeholders such as APIG.XXXX appear in templates.
function is_api_code(string $token): bool
{
    return preg_match('/^(AIS|APIG)\.\d+$/', $token) === 1 && $token !== 'APIG.XXXX';
}

// The old gateway's quota code, never in the catalog.
const OLD_QUOTA = 'APIG.0310';
