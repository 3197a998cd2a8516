<?php

// Gateway codes to log levels; the unpublished-API code falls through to the default.
function log_level(string $code): string
{
    if ($code === 'APIG.0201') {
        return 'warning';
    } elseif ($code === 'APIG.0301') {
        return 'error';
    } elseif ($code === 'APIG.0308') {
        return 'notice';
    }
    return 'error';
}
