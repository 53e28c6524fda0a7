update inbox set status = 'normalized', error = null where id = :#id
