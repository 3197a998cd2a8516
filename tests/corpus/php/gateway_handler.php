<?php

function gateway_action(string $code): string
{
    switch ($code) {
        case 'APIG.0101':
            return 'publish';
        case 'APIG.0201':
            return 'retry';
        case 'APIG.0301':
            return 'reauthenticate';
        case 'APIG.0308':
            return 'backoff';
        default:
            return 'fail';
    }
}
