<?php

namespace App\Gateway;

final class ApigErrors
{
    public const API_NOT_FOUND = 'APIG.0101';
    public const BACKEND_TIMEOUT = 'APIG.0201';
    public const AUTH_FAILED = 'APIG.0301';
    public const THROTTLED = 'APIG.0308';

    public static function message(string $code): string
    {
        return match ($code) {
            self::API_NOT_FOUND => 'The API is not published.',
            self::BACKEND_TIMEOUT => 'The backend timed out.',
            self::THROTTLED => 'Too many requests.',
            default => 'Gateway error ' . $code,
        };
    }
}
