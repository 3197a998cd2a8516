<?php

const RETRYABLE = ['APIG.0308', 'ModelArts.4401', 'ModelArts.4402'];

function should_retry(string $code): bool
{
    return in_array($code, RETRYABLE, true) || $code === 'ModelArts.4403';
}
