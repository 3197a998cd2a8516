async function callOcr(fetchImpl, url, body) {
  const res = await fetchImpl(url, { method: 'POST', body: JSON.stringify(body) });
  const errorInfo = res.ok ? null : await res.json();
  if (errorInfo && errorInfo.error_code === 'APIG.0308') {
    await new Promise((r) => setTimeout(r, 2000));
    return callOcr(fetchImpl, url, body);
  } else if (errorInfo && errorInfo.error_code === 'APIG.0301') {
    throw new Error('refresh your credentials');
  } else if (errorInfo) {
    throw new Error(errorInfo.error_msg);
  }
  return res.json();
}

module.exports = { callOcr };
