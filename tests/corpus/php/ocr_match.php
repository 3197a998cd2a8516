<?php

function ocr_hint(string $code): string
{
    return match ($code) {
        'AIS.0101' => 'Check the parameters.',
        'AIS.0102' => 'Use a supported format.',
        'AIS.0103' => 'Resize the image.',
        default => 'Unexpected error.',
    };
}
