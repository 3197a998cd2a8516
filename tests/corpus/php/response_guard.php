<?php

function handle_response(array $body): string
{
    if (isset($body['error_code']) && $body['error_code'] === 'APIG.0301') {
        return 'reauthenticate';
    } elseif (isset($body['error_code']) && $body['error_code'] === 'APIG.0308') {
        return 'backoff';
    }
    return 'ok';
}
